# shellcheck shell=bash
# The single-node half of scripts/dev-cluster (sourced by it): containerd + runc, kubelet,
# kube-proxy, kube-controller-manager, kube-scheduler, CNI bridge, dnsmasq for cluster DNS.

node_missing_pkgs() {
  missing_pkgs containerd:containerd runc:runc "containernetworking-plugins:/usr/lib/cni/bridge" \
    dnsmasq-base:dnsmasq debootstrap:debootstrap iptables:iptables conntrack:conntrack iproute2:ip \
    util-linux:findmnt python3:python3
}

node_install_images() {
  local archive
  archive="$("$REPO_ROOT/e2e/images/build" "$K8S_DIR/bin/pause")" || die $EXIT_FAILED "building the stand-in images failed"
  echo "$archive" >"$CACHE_DIR/images/current"
  log "images: $archive"
}

# ------------------------------------------------------------------------- the node's layout
# One node per machine: the bridge, its addresses and the iptables rules live in the host's
# network namespace. Pods get 10.244.0.10-250; the node (kubelet, dnsmasq) is 10.244.0.1.
NODE_BRIDGE=motos0
NODE_IP=10.244.0.1
POD_CIDR=10.244.0.0/24
SERVICE_CIDR=10.96.0.0/16
NODE_NAME=motos-node
NODE_OWNER_FILE=/run/motospkg-node.owner
NODE_COMPONENTS=(dns-watch dnsmasq kube-proxy kube-scheduler kube-controller-manager kubelet containerd)
# Kernel settings kubelet and kube-proxy change; `up` records them, `down` puts them back.
NODE_SYSCTLS=(net/ipv4/ip_forward net/ipv4/conf/all/route_localnet net/bridge/bridge-nf-call-iptables
  net/bridge/bridge-nf-call-ip6tables vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops
  kernel/keys/root_maxkeys kernel/keys/root_maxbytes)

node_bin() { echo "$K8S_DIR/bin/$1"; }
ctr_() { ctr --address "$STATE_DIR/containerd/containerd.sock" --namespace k8s.io "$@"; }
kubectl_() { "$(node_bin kubectl)" --kubeconfig "$STATE_DIR/kubeconfig" "$@"; }

node_check_installed() {
  local t
  for t in "${NODE_BINARIES[@]}"; do
    binary_current "$t" || die $EXIT_NOT_INSTALLED "$t is not installed or was built by an older recipe: run scripts/dev-cluster install --node"
  done
  [[ -x "$K8S_DIR/bin/pause" ]] || die $EXIT_NOT_INSTALLED "the pause binary is missing: run scripts/dev-cluster install --node"
  local pkg; pkg="$(node_missing_pkgs | xargs)"
  [[ -z "$pkg" ]] || die $EXIT_NOT_INSTALLED "missing packages ($pkg): run scripts/dev-cluster install --node"
  [[ -s "$(cat "$CACHE_DIR/images/current" 2>/dev/null)" ]] || die $EXIT_NOT_INSTALLED "the stand-in images are not built: run scripts/dev-cluster install --node"
  [[ $(id -u) -eq 0 ]] || die $EXIT_FAILED "the node needs root (network, mounts, cgroups)"
}

# The machine's one node belongs to one state dir; another dir's `up --node` is refused.
node_claim() {
  local owner; owner="$(cat "$NODE_OWNER_FILE" 2>/dev/null || true)"
  if [[ -n "$owner" && "$owner" != "$STATE_DIR" ]]; then
    if [[ -f "$owner/cluster.env" ]] && grep -q '^NODE=1' "$owner/cluster.env" && [[ -n "$(STATE_DIR="$owner" live_pid kubelet)" ]]; then
      die $EXIT_FAILED "this machine's node is already up from $owner (one node per machine): stop it with scripts/dev-cluster down --dir $owner"
    fi
  fi
  echo "$STATE_DIR" >"$NODE_OWNER_FILE"
}

record_sysctls() {
  [[ -s "$STATE_DIR/sysctl.orig" ]] && return 0  # a half-done `up` already recorded the originals
  local k
  for k in "${NODE_SYSCTLS[@]}"; do
    [[ -f "/proc/sys/$k" ]] && echo "$k=$(cat "/proc/sys/$k")"
  done >"$STATE_DIR/sysctl.orig.tmp"
  mv "$STATE_DIR/sysctl.orig.tmp" "$STATE_DIR/sysctl.orig"
  for k in /var/log/pods /var/log/containers; do [[ -e "$k" ]] || echo "$k"; done >"$STATE_DIR/created-dirs"
}

restore_sysctls() {
  [[ -f "$STATE_DIR/sysctl.orig" ]] || return 0
  local line
  while IFS= read -r line; do
    echo "${line#*=}" >"/proc/sys/${line%%=*}" 2>/dev/null || log "could not restore ${line%%=*}"
  done <"$STATE_DIR/sysctl.orig"
  log "restored kernel settings: $(cut -d= -f1 <"$STATE_DIR/sysctl.orig" | xargs)"
  rm -f "$STATE_DIR/sysctl.orig"
}

node_network_up() {
  if ! ip link show "$NODE_BRIDGE" >/dev/null 2>&1; then
    ip link add "$NODE_BRIDGE" type bridge
  fi
  ip addr replace "$NODE_IP/24" dev "$NODE_BRIDGE"
  ip link set "$NODE_BRIDGE" up
  echo 1 >/proc/sys/net/ipv4/ip_forward
  [[ -f /proc/sys/net/bridge/bridge-nf-call-iptables ]] && echo 1 >/proc/sys/net/bridge/bridge-nf-call-iptables
  mkdir -p "$STATE_DIR/cni/net.d" "$STATE_DIR/cni/ipam"
  cat >"$STATE_DIR/cni/net.d/10-motos.conflist" <<CNI
{
  "cniVersion": "0.4.0",
  "name": "motos",
  "plugins": [
    {
      "type": "bridge", "bridge": "$NODE_BRIDGE", "isGateway": true, "ipMasq": false, "hairpinMode": true,
      "ipam": {
        "type": "host-local", "dataDir": "$STATE_DIR/cni/ipam",
        "ranges": [[{"subnet": "$POD_CIDR", "rangeStart": "10.244.0.10", "rangeEnd": "10.244.0.250", "gateway": "$NODE_IP"}]],
        "routes": [{"dst": "0.0.0.0/0"}]
      }
    },
    {"type": "loopback"}
  ]
}
CNI
}

write_containerd_config() {
  local c="$STATE_DIR/containerd"
  mkdir -p "$c/root" "$c/state" "$c/certs.d/docker.io" "$c/certs.d/k8s.gcr.io"
  # No registry is reachable, and none may be tried: every pull goes to a closed loopback port
  # and fails at once (ErrImagePull) instead of leaving the machine.
  local reg
  for reg in docker.io k8s.gcr.io; do
    printf 'server = "http://127.0.0.1:1"\n[host."http://127.0.0.1:1"]\n  capabilities = ["pull", "resolve"]\n' >"$c/certs.d/$reg/hosts.toml"
  done
  cat >"$c/config.toml" <<TOML
version = 2
root = "$c/root"
state = "$c/state"
disabled_plugins = ["io.containerd.snapshotter.v1.aufs", "io.containerd.snapshotter.v1.btrfs",
  "io.containerd.snapshotter.v1.zfs", "io.containerd.snapshotter.v1.devmapper", "io.containerd.tracing.processor.v1.otlp"]
[grpc]
  address = "$c/containerd.sock"
[ttrpc]
  address = "$c/containerd.sock.ttrpc"
[debug]
  address = ""
[metrics]
  address = ""
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "k8s.gcr.io/pause:3.2"
  # This machine lacks CAP_SYS_RESOURCE: without this every sandbox fails in runc.
  restrict_oom_score_adj = true
  disable_apparmor = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$STATE_DIR/cni/net.d"
  [plugins."io.containerd.grpc.v1.cri".registry]
    config_path = "$c/certs.d"
TOML
}

write_kubelet_config() {
  : >"$STATE_DIR/kubelet-resolv.conf"  # pods get only the cluster DNS, no upstream of the host
  cat >"$STATE_DIR/kubelet-config.yaml" <<YAML
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
port: 10250
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
healthzPort: 10248
authentication:
  anonymous: {enabled: true}
  webhook: {enabled: false}
authorization: {mode: AlwaysAllow}
cgroupDriver: cgroupfs
failSwapOn: false
clusterDNS: [$NODE_IP]
clusterDomain: cluster.local
resolvConf: $STATE_DIR/kubelet-resolv.conf
# A development node: never evict for disk, never garbage-collect the imported images.
evictionHard: {memory.available: "100Mi", nodefs.available: "1%", imagefs.available: "1%", nodefs.inodesFree: "1%"}
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
serializeImagePulls: false
maxPods: 60
YAML
}

# Service names -> ClusterIPs for dnsmasq, regenerated on every Service watch event.
write_dns_watcher() {
  cat >"$STATE_DIR/dns-watch.sh" <<'WATCH'
#!/usr/bin/env bash
set -u
kubectl=$1 kubeconfig=$2 hosts_dir=$3
regen() {
  "$kubectl" --kubeconfig "$kubeconfig" get services --all-namespaces -o \
    jsonpath='{range .items[*]}{.spec.clusterIP} {.metadata.name}.{.metadata.namespace}.svc.cluster.local{"\n"}{end}' \
    2>/dev/null | awk '$1 ~ /^[0-9.]+$/' >"$hosts_dir/.services.tmp" && mv "$hosts_dir/.services.tmp" "$hosts_dir/services"
}
while true; do
  # The watch lists first, then streams changes; bursts of events make one regeneration.
  "$kubectl" --kubeconfig "$kubeconfig" get services --all-namespaces --watch -o name 2>/dev/null |
    while read -r _; do
      while read -r -t 0.2 _; do :; done
      regen
    done
  sleep 1
done
WATCH
  chmod +x "$STATE_DIR/dns-watch.sh"
}

node_start_components() {
  local pki="$STATE_DIR/pki" k="$STATE_DIR/kubeconfig"
  mkdir -p "$STATE_DIR/kubelet" "$STATE_DIR/volumes" "$STATE_DIR/dns"
  write_containerd_config
  log "starting containerd (root $STATE_DIR/containerd)"
  start_bg containerd containerd --config "$STATE_DIR/containerd/config.toml"
  wait_for "containerd" containerd ctr_ version
  node_import_images

  log "starting kube-controller-manager, kube-scheduler"
  start_bg kube-controller-manager env MOTOSPKG_HOSTPATH_DIR="$STATE_DIR/volumes" "$(node_bin kube-controller-manager)" \
    --kubeconfig "$k" --bind-address 127.0.0.1 --port 0 --secure-port 0 --leader-elect=false \
    --controllers '*' --enable-hostpath-provisioner --service-account-private-key-file "$pki/sa.key" \
    --root-ca-file "$pki/ca.crt" --use-service-account-credentials=false --cluster-name motospkg-dev-node
  start_bg kube-scheduler "$(node_bin kube-scheduler)" --kubeconfig "$k" --bind-address 127.0.0.1 \
    --port 0 --secure-port 0 --leader-elect=false

  write_kubelet_config
  log "starting kubelet (node $NODE_NAME at $NODE_IP, root $STATE_DIR/kubelet)"
  start_bg kubelet "$(node_bin kubelet)" --config "$STATE_DIR/kubelet-config.yaml" --kubeconfig "$k" \
    --container-runtime remote --container-runtime-endpoint "unix://$STATE_DIR/containerd/containerd.sock" \
    --root-dir "$STATE_DIR/kubelet" --cert-dir "$STATE_DIR/kubelet/pki" --hostname-override "$NODE_NAME" \
    --node-ip "$NODE_IP" --pod-infra-container-image k8s.gcr.io/pause:3.2 --v 1
  log "starting kube-proxy (iptables; node ports on 127.0.0.1 and $NODE_IP only)"
  start_bg kube-proxy "$(node_bin kube-proxy)" --kubeconfig "$k" --proxy-mode iptables \
    --hostname-override "$NODE_NAME" --cluster-cidr "$POD_CIDR" --nodeport-addresses "127.0.0.0/8,$NODE_IP/32" \
    --metrics-bind-address 127.0.0.1:10249 --healthz-bind-address 127.0.0.1:10256 --conntrack-max-per-core 0

  log "starting cluster DNS (dnsmasq on $NODE_IP:53, fed from a Service watch)"
  write_dns_watcher
  : >"$STATE_DIR/dns/services"
  start_bg dns-watch "$STATE_DIR/dns-watch.sh" "$(node_bin kubectl)" "$k" "$STATE_DIR/dns"
  start_bg dnsmasq dnsmasq --keep-in-foreground --log-facility=- --conf-file=/dev/null --user=root \
    --no-resolv --no-hosts --hostsdir="$STATE_DIR/dns" --listen-address="$NODE_IP" --bind-interfaces \
    --local=/cluster.local/ --domain-needed --pid-file="$STATE_DIR/dnsmasq.own.pid"

  ln -sfn "$(node_bin kubectl)" "$STATE_DIR/kubectl"  # the node's kubectl, same version
  wait_for "node $NODE_NAME Ready" kubelet node_ready
  kubectl_ apply -f - >/dev/null <<SC || fail_start "could not create the default StorageClass"
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations: {storageclass.kubernetes.io/is-default-class: "true"}
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
SC
  wait_for "cluster DNS answering for kubernetes.default" dnsmasq dns_answers
}

node_ready() {
  [[ "$(kubectl_ get node "$NODE_NAME" -o 'jsonpath={.status.conditions[?(@.type=="Ready")].status}' 2>/dev/null)" == "True" ]]
}

dns_answers() {
  # dnsmasq answers from the watcher's file once both run (python: no dig on a fresh machine)
  grep -q ' kubernetes.default.svc.cluster.local$' "$STATE_DIR/dns/services" &&
    python3 - "$NODE_IP" <<'PY'
import socket, struct, sys
q = b"\x12\x34\x01\x00\x00\x01\x00\x00\x00\x00\x00\x00" + b"".join(
    bytes([len(p)]) + p.encode() for p in "kubernetes.default.svc.cluster.local".split(".")) + b"\x00\x00\x01\x00\x01"
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(1)
s.sendto(q, (sys.argv[1], 53)); r = s.recv(512)
sys.exit(0 if struct.unpack(">H", r[6:8])[0] > 0 else 1)
PY
}

node_import_images() {
  local archive; archive="$(cat "$CACHE_DIR/images/current")"
  if [[ "$(cat "$STATE_DIR/containerd/imported" 2>/dev/null)" == "$archive" ]]; then
    return 0
  fi
  log "importing the stand-in images into containerd ($(du -h "$archive" | cut -f1))"
  ctr_ images import "$archive" >"$STATE_DIR/image-import.log" 2>&1 \
    || { tail -n 20 "$STATE_DIR/image-import.log" >&2; fail_start "importing $archive failed"; }
  echo "$archive" >"$STATE_DIR/containerd/imported"
}

# ---------------------------------------------------------------------------- tear down
node_down() {
  local name pid
  for name in dns-watch dnsmasq kube-scheduler kube-controller-manager kubelet; do
    pid="$(live_pid "$name")"
    [[ -z "$pid" ]] || stop_pid "$name" "$pid"
    rm -f "$STATE_DIR/$name.pid"
  done
  if [[ -n "$(live_pid containerd)" ]]; then
    node_stop_containers
    stop_pid containerd "$(live_pid containerd)"
  fi
  rm -f "$STATE_DIR/containerd.pid"
  pid="$(live_pid kube-proxy)"
  [[ -z "$pid" ]] || stop_pid kube-proxy "$pid"
  rm -f "$STATE_DIR/kube-proxy.pid"
  node_cleanup_host
}

# Containers get TERM (postgres shuts down cleanly), then KILL after 10 s; then they are removed
# so the next `up` starts from the pods the API server asks for.
node_stop_containers() {
  local ids i
  ids="$(ctr_ tasks ls -q 2>/dev/null || true)"
  if [[ -n "$ids" ]]; then
    log "stopping $(wc -w <<<"$ids") containers"
    for i in $ids; do ctr_ tasks kill -s SIGTERM "$i" >/dev/null 2>&1 || true; done
    for ((i = 0; i < 100; i++)); do
      [[ -z "$(ctr_ tasks ls 2>/dev/null | awk 'NR > 1 && $3 == "RUNNING"')" ]] && break
      sleep 0.1
    done
    for i in $ids; do ctr_ tasks kill -a -s SIGKILL "$i" >/dev/null 2>&1 || true; done
    for i in $ids; do ctr_ tasks delete -f "$i" >/dev/null 2>&1 || true; done
  fi
  for i in $(ctr_ containers ls -q 2>/dev/null || true); do ctr_ containers rm "$i" >/dev/null 2>&1 || true; done
}

node_cleanup_host() {
  local m n t chain
  # Mounts under the state dir (kubelet volumes, sandbox shm, container rootfs), deepest first.
  while read -r m; do umount -l "$m" 2>/dev/null || true; done < <(findmnt -rn -o TARGET | grep -F "$STATE_DIR/" | sort -r || true)
  # The pods' network namespaces (CRI names them cni-*); their veths go with them.
  for n in /run/netns/cni-*; do
    [[ -e "$n" ]] || continue
    umount "$n" 2>/dev/null || true; rm -f "$n"
  done
  for n in $(ip -o link show master "$NODE_BRIDGE" 2>/dev/null | awk -F': ' '{print $2}' | cut -d@ -f1); do
    ip link del "$n" 2>/dev/null || true
  done
  ip link del "$NODE_BRIDGE" 2>/dev/null || true
  rm -rf "$STATE_DIR/cni/ipam"
  # iptables: kube-proxy's and kubelet's KUBE-* chains (and CNI-* if any), both families.
  [[ -x "$(node_bin kube-proxy)" ]] && "$(node_bin kube-proxy)" --cleanup >/dev/null 2>&1 || true
  for ipt in iptables ip6tables; do
    command -v "$ipt" >/dev/null || continue
    for t in filter nat mangle; do
      { "$ipt-save" -t "$t" 2>/dev/null | grep -E '^-A [A-Z]+ .*-j (KUBE|CNI)-' | sed 's/^-A/-D/' |
        while read -r rule; do eval "$ipt -t $t $rule" 2>/dev/null || true; done; } || true
      for chain in $("$ipt-save" -t "$t" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\)-[^ ]*\).*/\1/p'); do
        "$ipt" -t "$t" -F "$chain" 2>/dev/null || true
      done
      for chain in $("$ipt-save" -t "$t" 2>/dev/null | sed -n 's/^:\(\(KUBE\|CNI\)-[^ ]*\).*/\1/p'); do
        "$ipt" -t "$t" -X "$chain" 2>/dev/null || true
      done
    done
  done
  # cgroups kubelet made (cgroupfs driver): every hierarchy's kubepods tree, leaves first.
  for m in /sys/fs/cgroup/*/kubepods /sys/fs/cgroup/kubepods; do
    [[ -d "$m" ]] && find "$m" -depth -type d -exec rmdir {} + 2>/dev/null || true
  done
  restore_sysctls
  if [[ -f "$STATE_DIR/created-dirs" ]]; then
    while read -r d; do [[ -n "$d" ]] && rm -rf "$d"; done <"$STATE_DIR/created-dirs"
    rm -f "$STATE_DIR/created-dirs"
  fi
  [[ "$(cat "$NODE_OWNER_FILE" 2>/dev/null)" == "$STATE_DIR" ]] && rm -f "$NODE_OWNER_FILE"
  return 0
}
