#!/usr/bin/env bash
# The package's maintainer scripts as dpkg runs them, on a throwaway copy of this machine: a private mount
# namespace (unshare) where the root file system is an overlay whose writes land in a tmpfs, entered with
# chroot. dpkg, systemd-sysusers and systemd-tmpfiles run for real there; the host's /etc, /var/lib/dpkg and
# /var/lib are never written (checked at the end), and everything vanishes with the namespace.
#  1. install: the system user (no login shell, home = the data folder), /var/lib/danang-kiosk owned by it
#     with mode 0750, the shipped questionnaires copied in, the unit enabled; nothing started (no systemd).
#  2. upgrade: the results database, the staff PIN and the edited configuration are kept byte for byte; a
#     questionnaire changed on the kiosk is kept, an untouched one takes the new shipped version.
#  3. remove: programs gone, every piece of data and the configuration kept.
#  4. purge: the data, log and configuration folders go, and only then.
# Usage: maintainer_scripts_test.sh DIR (where package_test.sh / scripts/package.sh left the .deb). Exit 77 (skipped, with the reason) where the sandbox cannot be made:
# not root, no unshare/overlayfs, or /usr, /etc or /var on a file system of their own (not in the overlay).
set -euo pipefail
pkg=danang-kiosk
skip() { echo "maintainer scripts test: SKIPPED: $*"; exit 77; }
fail() { echo "maintainer scripts test: FAIL: $*" >&2; exit 1; }
debs=("$1"/${pkg}_*.deb)
[ "${#debs[@]}" -eq 1 ] && [ -f "${debs[0]}" ] || fail "expected one $pkg .deb in $1 (the package_deb test builds it)"
deb="${debs[0]}"
[ "$(id -u)" -eq 0 ] || skip "needs root to make a mount namespace and chroot (CI runs as root)"
for tool in unshare chroot dpkg-deb findmnt; do command -v "$tool" >/dev/null || skip "$tool is missing"; done
for dir in /usr /etc /var /var/lib; do
  [ "$(findmnt -n -o TARGET --target "$dir")" = / ] || skip "$dir is a separate mount: the overlay of / would not hold it"
done

host_before="$(ls -d /var/lib/$pkg /etc/$pkg 2>/dev/null || true; dpkg-query -W -f='${Status}\n' $pkg 2>/dev/null || true)"
work="$(mktemp -d "${TMPDIR:-/tmp}/kiosk-maint-XXXXXX")"
trap 'rm -rf "$work"' EXIT

# The upgrade: the same package with a newer version, and a changed copy of every shipped questionnaire.
dpkg-deb -R "$deb" "$work/v2"
sed -i 's/^Version: \(.*\)$/Version: \1+upgradetest/' "$work/v2/DEBIAN/control"
for q in "$work/v2/usr/share/$pkg/questionnaires/"*.json; do printf '\n' >>"$q"; done
(cd "$work/v2" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | xargs -0 md5sum >DEBIAN/md5sums)
dpkg-deb --root-owner-group -b "$work/v2" "$work/v2.deb" >/dev/null
cp "$deb" "$work/v1.deb"

# What runs inside the throwaway root (as root there; paths are the real FHS ones).
cat >"$work/inside.sh" <<'INSIDE'
set -euo pipefail
pkg=danang-kiosk
fail() { echo "maintainer scripts test: FAIL: $*" >&2; exit 1; }
data=/var/lib/$pkg
rm -f /var/lib/man-db/auto-update   # no man-db index rebuild on every dpkg run (slow, and not ours)
# cage, xwayland, udev … need not be installed on the test machine: only the scripts are under test.
install_deb() { dpkg --force-depends --force-confold -i "$1" >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg -i $1"; }; }

# 1. Install.
install_deb /tmp/v1.deb
entry="$(getent passwd $pkg)" || fail "no user $pkg after install"
IFS=: read -r _ _ uid _ _ home shell <<<"$entry"
[ "$uid" -lt 1000 ] || fail "$pkg is not a system user (uid $uid)"
[ "$home" = "$data" ] || fail "home of $pkg is $home"
case "$shell" in */nologin|*/false) ;; *) fail "$pkg has a login shell ($shell)";; esac
[ "$(stat -c '%U:%G %a' $data)" = "$pkg:$pkg 750" ] || fail "$data is $(stat -c '%U:%G %a' $data)"
[ "$(stat -c '%U:%G %a' $data/questionnaires)" = "$pkg:$pkg 750" ] || fail "questionnaires folder: $(stat -c '%U:%G %a' $data/questionnaires)"
[ "$(stat -c '%U:%G %a' /var/log/$pkg)" = "$pkg:$pkg 750" ] || fail "/var/log/$pkg: $(stat -c '%U:%G %a' /var/log/$pkg)"
shipped=(/usr/share/$pkg/questionnaires/*.json)
[ "${#shipped[@]}" -ge 2 ] || fail "the test needs two shipped questionnaires, found ${#shipped[@]}"
for q in "${shipped[@]}"; do
  live="$data/questionnaires/$(basename "$q")"
  cmp -s "$q" "$live" || fail "$live is not a copy of $q"
  [ "$(stat -c '%U %a' "$live")" = "$pkg 640" ] || fail "$live: $(stat -c '%U %a' "$live")"
done
[ -L /etc/systemd/system/multi-user.target.wants/$pkg.service ] || fail "the unit is not enabled at boot"
/usr/bin/kiosk --version >/dev/null || fail "installed kiosk does not run"

# The kiosk's life between install and upgrade: a PIN, results, a trainer's edit, the IT person's settings.
as_kiosk=(setpriv --reuid=$pkg --regid=$pkg --init-groups)
printf '%s\n%s\n' 246810 246810 | "${as_kiosk[@]}" kiosk-admin set-pin --pin-file $data/staff-pin >/dev/null
"${as_kiosk[@]}" kiosk-admin simulate --db $data/kiosk.db --questionnaire "${shipped[0]}" --count 3 --seed 7 >/dev/null
[ -s $data/kiosk.db ] || fail "no database written"
edited="$data/questionnaires/$(basename "${shipped[0]}")"
untouched="$data/questionnaires/$(basename "${shipped[1]}")"
sed -i 's/"version": *"\([^"]*\)"/"version": "\1-local"/' "$edited"
cmp -s "${shipped[0]}" "$edited" && fail "could not edit $edited"
sed -i 's/"location_code": "unknown"/"location_code": "hai-chau-test"/' /etc/$pkg/kiosk.json
grep -q hai-chau-test /etc/$pkg/kiosk.json || fail "could not edit the configuration"
before="$(cd $data && sha256sum kiosk.db staff-pin "$edited" && sha256sum /etc/$pkg/kiosk.json)"

# 2. Upgrade.
install_deb /tmp/v2.deb
[[ "$(dpkg-query -W -f='${Version}' $pkg)" == *+upgradetest ]] || fail "the upgrade did not happen"
after="$(cd $data && sha256sum kiosk.db staff-pin "$edited" && sha256sum /etc/$pkg/kiosk.json)"
[ "$before" = "$after" ] || { diff <(echo "$before") <(echo "$after") || true; fail "the upgrade changed kept data (above)"; }
grep -q "kept $edited (changed on this kiosk)" /tmp/dpkg.log || { cat /tmp/dpkg.log; fail "the upgrade did not say it kept $edited"; }
cmp -s "${shipped[1]}" "$untouched" || fail "$untouched did not take the upgraded shipped version"
[ "$(stat -c '%U:%G %a' $data)" = "$pkg:$pkg 750" ] || fail "after upgrade $data is $(stat -c '%U:%G %a' $data)"
kiosk-admin check-db --db $data/kiosk.db >/dev/null || fail "the database is not healthy after the upgrade"

# 3. Remove.
dpkg -r $pkg >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg -r"; }
[ ! -e /usr/bin/kiosk ] || fail "dpkg -r left /usr/bin/kiosk"
kept="$(cd $data && sha256sum kiosk.db staff-pin "$edited" && sha256sum /etc/$pkg/kiosk.json)"
[ "$before" = "$kept" ] || fail "remove lost or changed data or configuration"
getent passwd $pkg >/dev/null || fail "remove deleted the user (its files would be orphaned)"

# 4. Purge.
mkdir -p /var/lib/unrelated && echo keep >/var/lib/unrelated/file
dpkg -P $pkg >/tmp/dpkg.log 2>&1 || { cat /tmp/dpkg.log; fail "dpkg -P"; }
for gone in $data /var/log/$pkg /etc/$pkg; do [ ! -e $gone ] || fail "purge left $gone"; done
[ -f /var/lib/unrelated/file ] || fail "purge removed more than its own data"
echo "inside: install, upgrade, remove, purge OK"
INSIDE

# The sandbox. unshare makes every mount below private to it, so nothing here reaches the host.
unshare --mount --propagation private -- bash -euo pipefail -c '
  work="$1"
  box="$work/box"; mkdir "$box"
  mount -t tmpfs kiosk-sandbox "$box"
  mkdir "$box/upper" "$box/work" "$box/root"
  mount -t overlay overlay -o "lowerdir=/,upperdir=$box/upper,workdir=$box/work" "$box/root" ||
    { echo "maintainer scripts test: SKIPPED: no overlayfs here"; exit 77; }
  r="$box/root"
  mount -t proc proc "$r/proc"
  mount --rbind /dev "$r/dev"
  mount -t tmpfs tmpfs "$r/run"   # no /run/systemd/system: the scripts start and reload nothing
  mount -t tmpfs tmpfs "$r/tmp"
  cp "$work/v1.deb" "$work/v2.deb" "$work/inside.sh" "$r/tmp/"
  chroot "$r" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 bash /tmp/inside.sh
' sandbox "$work"

host_after="$(ls -d /var/lib/$pkg /etc/$pkg 2>/dev/null || true; dpkg-query -W -f='${Status}\n' $pkg 2>/dev/null || true)"
[ "$host_before" = "$host_after" ] || fail "the host changed: before [$host_before] after [$host_after]"
echo "maintainer scripts test: OK"
