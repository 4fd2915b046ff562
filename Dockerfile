# The API service with the bundled articles and an embedded SQLite database on /data.
#   docker build -t kb . && docker run -p 8000:8000 -v kbdata:/data kb
# The base is a build argument: where no image registry is reachable, build a local one
# (scripts/docker_base.sh) and pass --build-arg BASE_IMAGE=kb-base:bookworm.
ARG BASE_IMAGE=python:3.11-slim
FROM ${BASE_IMAGE}

# The settings a deployment needs (README, "Running the image"). KB_SITE_URL must be the
# address users reach the help site at: reply drafts link to it.
ENV PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    KB_ARTICLES_DIR=/app/articles \
    KB_DATABASE_URL=sqlite:////data/kb.sqlite3 \
    KB_CACHE_DIR=/data/cache

# /data must belong to uid 10001: a bind mount or a volume created elsewhere needs
# `chown 10001 DIR` first (a named volume takes this folder's owner on first use).
RUN useradd --create-home --uid 10001 kb \
    && mkdir -p /data && chown kb:kb /data

WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY kb ./kb
COPY api ./api
# Installed through the lock, so the image runs the versions CI tested; bytecode is compiled
# now (pip's default) so a container starts without compiling every module first; the
# sources copied for the install go, so nothing but the installed package can be imported.
RUN pip install --constraint requirements.lock . \
    && rm -rf build kb.egg-info kb api
COPY articles ./articles

USER kb
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["kb", "serve", "--host", "0.0.0.0", "--port", "8000"]
