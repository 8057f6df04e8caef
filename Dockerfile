FROM python:3.13-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .
# Static files are collected at build time and served by whitenoise.
RUN DEBUG=0 SECRET_KEY=build-only-not-secret python manage.py collectstatic --noinput

RUN useradd --create-home sitrep
USER sitrep
EXPOSE 8000
CMD ["sh", "-c", "python manage.py migrate --noinput && python manage.py load_places && python manage.py refresh_summaries && exec gunicorn -c gunicorn.conf.py sitrep.wsgi"]
