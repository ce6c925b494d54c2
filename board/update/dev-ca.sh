#!/bin/sh
# A DEVELOPMENT update CA and bundle-signing certificate, made fresh into DIR (never committed;
# production keys live in the signing service, not in this repository).
#   usage: dev-ca.sh DIR [NAME]     -> DIR/ca.cert.pem, DIR/signing.cert.pem, DIR/signing.key.pem
set -eu
DIR=$1; NAME=${2:-Kiosk Dev}
mkdir -p "$DIR"; cd "$DIR"
[ -f signing.cert.pem ] && [ -f ca.cert.pem ] && exit 0
openssl req -x509 -newkey rsa:2048 -nodes -sha256 -days 3650 -keyout ca.key.pem -out ca.cert.pem \
  -subj "/O=$NAME/CN=$NAME Update CA" \
  -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -sha256 -keyout signing.key.pem -out signing.csr.pem \
  -subj "/O=$NAME/CN=$NAME Bundle Signer" 2>/dev/null
printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,codeSigning\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid,issuer\n' > leaf.ext
openssl x509 -req -sha256 -days 730 -in signing.csr.pem -CA ca.cert.pem -CAkey ca.key.pem \
  -CAcreateserial -extfile leaf.ext -out signing.cert.pem 2>/dev/null
chmod 600 ca.key.pem signing.key.pem
