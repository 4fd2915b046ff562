# The API service with the bundled articles and an embedded SQLite database.
#   docker build -t kb . && docker run -p 8000:8000 kb
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    KB_ARTICLES_DIR=/app/articles \
    KB_DATABASE_URL=sqlite:////data/kb.sqlite3 \
    KB_CACHE_DIR=/data/cache

RUN useradd --create-home --uid 10001 kb \
    && mkdir -p /data && chown kb:kb /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY kb ./kb
COPY api ./api
RUN pip install --no-compile .
COPY articles ./articles
COPY locales ./locales

USER kb
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz')"
CMD ["kb", "serve", "--host", "0.0.0.0", "--port", "8000"]
