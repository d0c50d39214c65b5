#!/usr/bin/env bash
# Runs egressmon as a flow monitor on one node (as ovs-flowmon's deploy.sh does):
#   deploy/k8s.sh [-i IMAGE] [-b BRIDGE] NODE_NAME
# then: kubectl exec -it egressmon-flowmon -- java -jar /opt/egressmon/egressmon.jar flows
# Remove it: kubectl delete pod -l app=egressmon-flowmon
set -euo pipefail
image="egressmon:latest"
bridge="br-int"
while getopts "i:b:h" opt; do
  case "$opt" in
    i) image="$OPTARG" ;;
    b) bridge="$OPTARG" ;;
    *) echo "usage: $0 [-i IMAGE] [-b BRIDGE] NODE_NAME" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
if [ $# -ne 1 ]; then
  echo "usage: $0 [-i IMAGE] [-b BRIDGE] NODE_NAME" >&2
  exit 2
fi
node="$1"
here="$(cd "$(dirname "$0")" && pwd)"
sed -e "s|NODE_NAME|${node}|" -e "s|IMAGE|${image}|" -e "s|BRIDGE|${bridge}|" "$here/k8s-flowmon.yaml" \
  | kubectl apply -f -
echo "egressmon-flowmon starting on ${node} (bridge ${bridge}); watch: kubectl exec -it egressmon-flowmon -- java -jar /opt/egressmon/egressmon.jar flows"
