# Odoo 19 with the Performance Synergy addons' Python requirements.
FROM odoo:19

USER root
COPY requirements.txt requirements-test.txt /opt/perf_synergy/
# --no-deps: the OCA addons only need odoo, which the image ships as a Debian package.
# chromium runs the browser tests (tours) of the tests service.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium make \
    && rm -rf /var/lib/apt/lists/* \
    && pip3 install --no-cache-dir --break-system-packages --no-deps \
        -r /opt/perf_synergy/requirements.txt \
    && pip3 install --no-cache-dir --break-system-packages \
        -r /opt/perf_synergy/requirements-test.txt
# The odoo service: demo database created on the first start only, queue_job's runner configured.
COPY docker/odoo.conf /etc/odoo/odoo.conf
COPY docker/odoo-serve.sh /usr/local/bin/synergy-odoo-serve
USER odoo
