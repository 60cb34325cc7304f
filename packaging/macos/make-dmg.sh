#!/usr/bin/env bash
# Make the .dmg from the frozen .app; sign, notarize and staple it when the environment says how.
#
#   packaging/macos/make-dmg.sh dist/termsheet.app dist/termsheet-0.1.0-macos-arm64.dmg
#
# Run by `python packaging/build.py installer` on macOS. Environment:
#   TERMSHEET_CODESIGN_IDENTITY   "Developer ID Application: Example Bank (TEAMID1234)", a
#                                 certificate in the keychain. The same variable made PyInstaller
#                                 sign every binary and the .app with the hardened runtime
#                                 (packaging/termsheet.spec); here it signs the .dmg.
#   notarization, either
#     TERMSHEET_NOTARY_PROFILE    a keychain profile saved once with
#                                 `xcrun notarytool store-credentials PROFILE --apple-id … --team-id …`
#   or
#     TERMSHEET_NOTARY_APPLE_ID, TERMSHEET_NOTARY_TEAM_ID, TERMSHEET_NOTARY_PASSWORD
#                                 (an app-specific password from appleid.apple.com)
# Without an identity the .dmg holds an ad-hoc signed app that Gatekeeper blocks on other Macs.
set -euo pipefail

app=$1
dmg=$2
identity=${TERMSHEET_CODESIGN_IDENTITY:-}

if [[ -n $identity ]]; then
    codesign --verify --deep --strict --verbose=2 "$app"
    codesign --display --verbose=2 "$app" 2>&1 | grep -q "flags=.*runtime" \
        || { echo "make-dmg: $app is not signed with the hardened runtime" >&2; exit 1; }
else
    echo "make-dmg: TERMSHEET_CODESIGN_IDENTITY is not set: unsigned (ad-hoc) build" >&2
fi

staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
ditto "$app" "$staging/Term Sheet.app"
ln -s /Applications "$staging/Applications"
rm -f "$dmg"
hdiutil create -volname "Term Sheet" -srcfolder "$staging" -fs HFS+ -format UDZO -ov "$dmg"

[[ -n $identity ]] || exit 0
codesign --sign "$identity" --timestamp "$dmg"

if [[ -n ${TERMSHEET_NOTARY_PROFILE:-} ]]; then
    auth=(--keychain-profile "$TERMSHEET_NOTARY_PROFILE")
elif [[ -n ${TERMSHEET_NOTARY_APPLE_ID:-} ]]; then
    auth=(--apple-id "$TERMSHEET_NOTARY_APPLE_ID" --team-id "$TERMSHEET_NOTARY_TEAM_ID"
          --password "$TERMSHEET_NOTARY_PASSWORD")
else
    echo "make-dmg: no notarization credentials: signed but not notarized" >&2
    exit 0
fi

result="$staging/notary.plist"
xcrun notarytool submit "$dmg" "${auth[@]}" --wait --output-format plist > "$result"
status=$(plutil -extract status raw -o - "$result")
if [[ $status != Accepted ]]; then
    echo "make-dmg: notarization $status" >&2
    xcrun notarytool log "$(plutil -extract id raw -o - "$result")" "${auth[@]}" >&2 || true
    exit 1
fi
xcrun stapler staple "$dmg"
xcrun stapler validate "$dmg"
spctl --assess --type open --context context:primary-signature --verbose=2 "$dmg"
