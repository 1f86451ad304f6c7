#!/usr/bin/env bash
# ============================================================================
#  TEST ONLY -- NEVER USE THESE KEYS FOR REAL EVIDENCE.
#
#  make-test-pki.sh OUTDIR
#
#  Creates a throw-away public key infrastructure with openssl, fresh on every
#  run, for the EvidenceKit tests and for trying the tools out:
#
#    root-ca.crt/.key           test root CA
#    examiner.p12 (+ .crt)      examiner issued by the root (digitalSignature), ECDSA P-256
#    examiner-rsa.p12 (+ .crt)  examiner issued by the root, RSA 3072
#    unrelated.p12 (+ .crt)     self-signed examiner nobody trusts
#    expired.p12 (+ .crt)       examiner issued by the root, validity 2020-2021
#    no-digital-signature.p12   examiner issued by the root, keyUsage keyAgreement only
#    rsa-2048.p12 (+ .crt)      examiner issued by the root with a too-short RSA key
#    cert-only.p12              the examiner certificate without its private key
#    tsa.crt/.key               time-stamp authority (extendedKeyUsage critical timeStamping)
#    tsa.cnf                    config for `openssl ts -reply -config tsa.cnf ...`
#
#  Every .p12 is protected by the passphrase in $EVIDENCEKIT_TEST_PASSPHRASE.
#  No private key is ever committed: this script makes new ones each time.
# ============================================================================
set -euo pipefail

if [[ $# -ne 1 ]]; then
    echo "usage: $0 OUTDIR   (TEST ONLY; passphrase in EVIDENCEKIT_TEST_PASSPHRASE)" >&2
    exit 2
fi
if [[ -z "${EVIDENCEKIT_TEST_PASSPHRASE:-}" ]]; then
    echo "error: set EVIDENCEKIT_TEST_PASSPHRASE to the passphrase for the test .p12 files" >&2
    exit 2
fi

out="$1"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
umask 077
cd "$out"

echo "TEST ONLY: creating a throw-away test PKI in $out"

mkdir -p ca-db
: > ca-db/index.txt
echo 1000 > ca-db/serial

cat > ca.cnf <<CNF
# TEST ONLY
[ ca ]
default_ca = test_ca

[ test_ca ]
dir           = $out/ca-db
database      = \$dir/index.txt
serial        = \$dir/serial
new_certs_dir = \$dir
certificate   = $out/root-ca.crt
private_key   = $out/root-ca.key
default_md    = sha256
default_days  = 30
policy        = any_policy
unique_subject = no
copy_extensions = none
email_in_dn   = no

[ any_policy ]
commonName             = supplied
organizationName       = optional

[ req ]
distinguished_name = req_dn
prompt             = no

[ req_dn ]
CN = unused

[ root_ext ]
basicConstraints       = critical, CA:true
keyUsage               = critical, keyCertSign, cRLSign
subjectKeyIdentifier   = hash

[ examiner_ext ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid

[ no_digital_signature_ext ]
basicConstraints       = critical, CA:false
keyUsage               = critical, keyAgreement
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid

[ tsa_ext ]
basicConstraints       = critical, CA:false
keyUsage               = critical, digitalSignature
extendedKeyUsage       = critical, timeStamping
subjectKeyIdentifier   = hash
authorityKeyIdentifier = keyid
CNF

ec_key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
rsa_key() { openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:"$2" -out "$1" 2>/dev/null; }

# issue NAME SUBJECT EXTENSION [ca options...]: signs NAME.key into NAME.crt with the test root
issue() {
    local name="$1" subject="$2" ext="$3"
    shift 3
    openssl req -new -config ca.cnf -key "$name.key" -subj "$subject" -out "$name.csr"
    openssl ca -batch -notext -config ca.cnf -extensions "$ext" -in "$name.csr" -out "$name.crt" "$@" 2>/dev/null
    rm -f "$name.csr"
}

# p12 NAME: NAME.key + NAME.crt (+ root) -> NAME.p12 (AES-256-CBC, PBKDF2, SHA-256 MAC; the OpenSSL 3 defaults)
p12() {
    local name="$1" chain=()
    if [[ "${2:-}" == "with-root" ]]; then chain=(-certfile root-ca.crt); fi
    openssl pkcs12 -export -inkey "$name.key" -in "$name.crt" "${chain[@]}" -name "$name" \
        -passout env:EVIDENCEKIT_TEST_PASSPHRASE -out "$name.p12"
}

ec_key root-ca.key
openssl req -x509 -new -config ca.cnf -key root-ca.key -subj "/O=EvidenceKit TEST ONLY/CN=EvidenceKit Test Root CA" \
    -days 60 -extensions root_ext -out root-ca.crt

ec_key examiner.key
issue examiner "/O=EvidenceKit TEST ONLY/CN=Test Examiner" examiner_ext
p12 examiner with-root

rsa_key examiner-rsa.key 3072
issue examiner-rsa "/O=EvidenceKit TEST ONLY/CN=Test Examiner RSA" examiner_ext
p12 examiner-rsa with-root

ec_key unrelated.key
openssl req -x509 -new -config ca.cnf -key unrelated.key -subj "/O=Somebody Else TEST ONLY/CN=Unrelated Examiner" \
    -days 30 -addext "keyUsage=critical,digitalSignature" -addext "basicConstraints=critical,CA:false" -out unrelated.crt
p12 unrelated

ec_key expired.key
issue expired "/O=EvidenceKit TEST ONLY/CN=Expired Examiner" examiner_ext -startdate 20200101000000Z -enddate 20210101000000Z
p12 expired with-root

ec_key no-digital-signature.key
issue no-digital-signature "/O=EvidenceKit TEST ONLY/CN=Examiner Without digitalSignature" no_digital_signature_ext
p12 no-digital-signature with-root

rsa_key rsa-2048.key 2048
issue rsa-2048 "/O=EvidenceKit TEST ONLY/CN=Examiner With RSA 2048" examiner_ext
p12 rsa-2048 with-root

openssl pkcs12 -export -nokeys -in examiner.crt -passout env:EVIDENCEKIT_TEST_PASSPHRASE -out cert-only.p12

ec_key tsa.key
issue tsa "/O=EvidenceKit TEST ONLY/CN=EvidenceKit Test TSA" tsa_ext

echo 01 > tsa-serial
cat > tsa.cnf <<CNF
# TEST ONLY: openssl ts -reply -config tsa.cnf -queryfile Q -inkey tsa.key -signer tsa.crt -out R
[ tsa ]
default_tsa = test_tsa

[ test_tsa ]
dir               = $out
serial            = \$dir/tsa-serial
crypto_device     = builtin
signer_cert       = \$dir/tsa.crt
certs             = \$dir/root-ca.crt
signer_key        = \$dir/tsa.key
signer_digest     = sha256
default_policy    = 1.3.6.1.4.1.99999.1.1
other_policies    = 1.3.6.1.4.1.99999.1.2
digests           = sha256, sha384, sha512
accuracy          = secs:1
clock_precision_digits = 0
ordering          = yes
tsa_name          = yes
ess_cert_id_chain = no
ess_cert_id_alg   = sha256
CNF

echo "TEST ONLY: done. Trust anchor for tests: $out/root-ca.crt (never trust it for real evidence)"
