#!/bin/bash
# The stale-cache rules, tried live: gunicorn with 2 workers sharing Redis, while another
# process edits, unpublishes and schedules (docs/performance.md, "Results").
#
#   bench/live_cache_check.sh            (after `make bench`: uses its database)
#   PAGE_CACHE_ENABLED=0 bench/live_cache_check.sh   (fragments and kept data only)
#
# Changes one article of the bench database and puts it back at the end.
set -u
cd "$(dirname "$0")/.."
export DATABASE_URL=${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/newsroom_perf_bench}
export SECRET_KEY=bench-only DJANGO_SETTINGS_MODULE=bench.settings DEBUG=0 ALLOWED_HOSTS=127.0.0.1
export REDIS_URL=redis://127.0.0.1:6379/4 WEB_CONCURRENCY=2 GUNICORN_BIND=127.0.0.1:8177
export LOG_LEVEL=WARNING PAGE_CACHE_ENABLED=${PAGE_CACHE_ENABLED:-1}
redis-cli -n 4 flushdb >/dev/null
.venv/bin/gunicorn -c gunicorn.conf.py newsroom.wsgi:application &
GPID=$!
trap 'kill $GPID 2>/dev/null' EXIT
sleep 4
shell() { .venv/bin/python manage.py shell -c "$1" 2>/dev/null | tail -1; }
URL=$(shell "from articles.models import Article; print(Article.objects.published().newest_first()[3].get_absolute_url())")
PK=$(echo $URL | cut -d/ -f3)
HEADLINE=$(shell "from articles.models import Article; print(Article.objects.get(pk=$PK).headline)")
echo "article $URL"
get() { curl -s "http://127.0.0.1:8177$1"; }
for i in $(seq 8); do get "$URL" > /dev/null; get / > /dev/null; done
echo "cache hit header sample: $(curl -sI http://127.0.0.1:8177$URL | grep -i -E 'etag|cache-control' | tr '\r\n' '  ')"
shell "from articles.models import Article; a=Article.objects.get(pk=$PK); a.headline='Live check edited headline'; a.save(); print('edited')"
n=0; for i in $(seq 10); do get "$URL" | grep -q 'Live check edited headline' && n=$((n+1)); done; echo "edit visible on article page: $n/10"
n=0; for i in $(seq 10); do get "/" | grep -q 'Live check edited headline' && n=$((n+1)); done; echo "edit visible on home: $n/10"
shell "from articles.models import Article; a=Article.objects.get(pk=$PK); a.status=Article.Status.UNPUBLISHED; a.save(); print('unpublished')"
n=0; for i in $(seq 10); do c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8177$URL"); [ "$c" = 404 ] && n=$((n+1)); done; echo "unpublished article answers 404: $n/10"
n=0; for i in $(seq 10); do get "/" | grep -q 'Live check edited headline' || n=$((n+1)); done; echo "unpublished article gone from home: $n/10"
shell "
from datetime import timedelta
from django.utils import timezone
from articles.models import Article, Section
s = Section.objects.filter(parent__isnull=True).first()
Article.objects.create(headline='Live check scheduled story', slug='live-check-scheduled', section=s, status=Article.Status.PUBLISHED, published_at=timezone.now()+timedelta(seconds=25), body='<p>x</p>')
print('scheduled')"
n=0; for i in $(seq 10); do get "/" | grep -q 'Live check scheduled story' && n=$((n+1)); done; echo "scheduled story on home before its time: $n/10"
echo "home cache-control: $(curl -sI http://127.0.0.1:8177/ | grep -i cache-control | tr -d '\r')"
sleep 27
n=0; for i in $(seq 10); do get "/" | grep -q 'Live check scheduled story' && n=$((n+1)); done; echo "scheduled story on home after its time: $n/10"
shell "from articles.models import Article; Article.objects.filter(slug='live-check-scheduled').delete(); a=Article.objects.get(pk=$PK); a.status=Article.Status.PUBLISHED; a.headline='''$HEADLINE'''; a.save(); print('restored')"
