#!/usr/bin/env bash
# Builds the container image with Jib (no Docker daemon), pushes it to a throw-away local registry, then runs it
# the way the Deployment does: as user 185, read-only root filesystem with a tmpfs /tmp, KUBERNETES_SERVICE_HOST
# set, against an external PostgreSQL (the machine's own binaries), and waits for /q/health/ready.
# For machines that reach no container registry: the base image is made here from a jlinked JRE instead of
# ubi9/openjdk-17-runtime (with no /proc in the chroot, the JRE finds its libraries through LD_LIBRARY_PATH).
# Needs root, Debian's docker-registry package and PostgreSQL binaries.
# Usage: k8s/check-image.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d /tmp/servicegrade-image.XXXXXX)
chmod 755 "$work"
registry_port=5001 pg_port=5499 http_port=18095
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
cleanup() {
  [ -n "${server:-}" ] && kill "$server" 2>/dev/null || true
  [ -n "${registry:-}" ] && kill "$registry" 2>/dev/null || true
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -m fast stop > /dev/null 2>&1 || true
}
trap cleanup EXIT

# A base image: a jlinked JRE, the libraries it needs, and an unprivileged user 185.
base=$work/base
mkdir -p "$base/rootfs"/{lib/x86_64-linux-gnu,lib64,etc,tmp}
jlink --add-modules java.se,jdk.unsupported,jdk.crypto.ec,jdk.zipfs,jdk.management,jdk.naming.dns,jdk.localedata \
  --strip-debug --no-man-pages --no-header-files --output "$base/rootfs/opt/jre"
chmod 1777 "$base/rootfs/tmp"
for lib in libc.so.6 libz.so.1 libstdc++.so.6 libm.so.6 libgcc_s.so.1 libpthread.so.0 libdl.so.2 librt.so.1 \
    libnss_files.so.2 libresolv.so.2; do
  cp -L "/lib/x86_64-linux-gnu/$lib" "$base/rootfs/lib/x86_64-linux-gnu/" 2>/dev/null || true
done
cp -L /lib64/ld-linux-x86-64.so.2 "$base/rootfs/lib64/"
printf 'root:x:0:0::/root:/sbin/nologin\njboss:x:185:185::/home/jboss:/sbin/nologin\n' > "$base/rootfs/etc/passwd"
printf 'root:x:0:\njboss:x:185:\n' > "$base/rootfs/etc/group"
printf 'hosts: files dns\n' > "$base/rootfs/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n' > "$base/rootfs/etc/hosts"
tar -C "$base/rootfs" -cf "$base/layer.tar" .
layer_sha=$(sha256sum "$base/layer.tar" | cut -d' ' -f1)
printf '{"architecture":"amd64","os":"linux","config":{"Env":["PATH=/opt/jre/bin:/usr/bin:/bin"],"User":"185"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}' \
  "$layer_sha" > "$base/config.json"
echo '[{"Config":"config.json","RepoTags":["servicegrade-base:17"],"Layers":["layer.tar"]}]' > "$base/manifest.json"
tar -C "$base" -cf "$base/base.tar" manifest.json config.json layer.tar

# A local registry, and the image built and pushed with Jib.
printf 'version: 0.1\nstorage:\n  filesystem:\n    rootdirectory: %s/registry\nhttp:\n  addr: localhost:%s\n' \
  "$work" "$registry_port" > "$work/registry.yml"
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry=$!
sleep 1
./mvnw -B -q package -DskipTests -Dquarkus.container-image.build=true -Dquarkus.container-image.push=true \
  -Dquarkus.container-image.registry=localhost:$registry_port -Dquarkus.container-image.insecure=true \
  -Dquarkus.container-image.tag=check -Dquarkus.jib.base-jvm-image="tar://$base/base.tar"

# The image as pushed: its user, and its layers unpacked into a root filesystem.
image=localhost:$registry_port/v2/servicegrade/servicegrade
accept='Accept: application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json'
curl -fs -H "$accept" "$image/manifests/check" > "$work/manifest.json"
config=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['config']['digest'])" "$work/manifest.json")
user=$(curl -fs "$image/blobs/$config" | python3 -c "import json,sys; print(json.load(sys.stdin)['config'].get('User'))")
[ "$user" = 185 ] || { echo "the image runs as '$user', not 185"; exit 1; }
mkdir -p "$work/rootfs"
for layer in $(python3 -c "import json,sys; [print(l['digest']) for l in json.load(open(sys.argv[1]))['layers']]" \
    "$work/manifest.json"); do
  curl -fs "$image/blobs/$layer" | tar --warning=no-unknown-keyword -xzf - -C "$work/rootfs"
done

# An external PostgreSQL.
mkdir -p "$work/pg" && chown postgres:postgres "$work/pg"
runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg" -A trust -U postgres -E UTF8 --locale=C.UTF-8 > /dev/null
runuser -u postgres -- "$pg_bin/pg_ctl" -D "$work/pg" -w -l "$work/pg/log" \
  -o "-p $pg_port -c listen_addresses=localhost -k $work/pg" start > /dev/null
runuser -u postgres -- "$pg_bin/psql" -h localhost -p "$pg_port" -U postgres -qc "CREATE DATABASE servicegrade"

# Run it as the pod does: user 185, read-only root, tmpfs /tmp, in Kubernetes, the datasource from the environment.
key=sg_check_$(head -c 18 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
unshare -m sh -c "mount --bind '$work/rootfs' '$work/rootfs' && mount -o remount,bind,ro '$work/rootfs' \
  && mount -t tmpfs -o mode=1777 tmpfs '$work/rootfs/tmp' \
  && exec env -i PATH=/opt/jre/bin LD_LIBRARY_PATH=/opt/jre/lib KUBERNETES_SERVICE_HOST=10.96.0.1 QUARKUS_HTTP_PORT=$http_port \
     QUARKUS_DATASOURCE_REACTIVE_URL=postgresql://localhost:$pg_port/servicegrade QUARKUS_DATASOURCE_USERNAME=postgres \
     SERVICEGRADE_ADMIN_KEY=$key SERVICEGRADE_DEMO_ENABLED=false SERVICEGRADE_DATA_DIR=/tmp/servicegrade \
     JAVA_TOOL_OPTIONS='-Djava.io.tmpdir=/tmp -Dvertx.cacheDirBase=/tmp/vertx-cache' \
     /usr/sbin/chroot --userspec=185:185 '$work/rootfs' /opt/jre/bin/java -jar /home/jboss/quarkus-run.jar" \
  > "$work/server.log" 2>&1 &
server=$!  # unshare, sh, env and chroot each exec the next: this is the server's JVM
for _ in $(seq 1 240); do
  curl -fs --max-time 2 "localhost:$http_port/q/health/ready" > /dev/null 2>&1 && break
  sleep 0.5
done
curl -fs --max-time 5 "localhost:$http_port/q/health/ready" > /dev/null || { cat "$work/server.log"; echo "the image did not become ready"; exit 1; }
curl -fs "localhost:$http_port/api/v1/admin/keys" -H "Authorization: Bearer $key" > /dev/null
echo "image built without a Docker daemon, runs as 185 on a read-only root, ready against an external PostgreSQL"
