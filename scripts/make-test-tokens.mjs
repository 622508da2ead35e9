// Makes SoftHSM2 test tokens from a throw-away test CA, for the signing tests and demos:
//   node scripts/make-test-tokens.mjs --out DIR [--crl-url URL]
// --crl-url puts a CRL distribution point in every certificate (the verification tests serve
// DIR/ca.crl, the CA's CRL in DER, revoking nothing, on a loopback port).
// DIR gets its own softhsm2.conf and token folder (callers set SOFTHSM2_CONF=DIR/softhsm2.conf,
// so the machine's own tokens are never touched), the CA certificate, and tokens.json, the
// manifest the tests read. An existing DIR is recreated. Needs openssl, softhsm2-util and
// pkcs11-tool (scripts/ensure-system-packages.sh installs them).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const MODULE_CANDIDATES = ['/usr/lib/softhsm/libsofthsm2.so', '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so', '/usr/local/lib/softhsm/libsofthsm2.so', '/opt/homebrew/lib/softhsm/libsofthsm2.so'];
const DAY_MS = 24 * 60 * 60 * 1000;
const SIGNING_USAGE = 'critical,digitalSignature,nonRepudiation';
const PROVINCE = 'Nghệ An';
const AGENCY = `UBND tỉnh ${PROVINCE}`;

/** What each token holds; `id` is the CKA_ID (hex) and `label` the CKA_LABEL a key shares with its certificate. */
const TOKENS = [
  {
    label: 'LEADER',
    userPin: '123456',
    soPin: '12345678',
    certificates: [
      { name: 'leader', label: 'leader', id: '01', subject: { C: 'VN', L: PROVINCE, O: AGENCY, title: 'Phó Chủ tịch', CN: 'Nguyễn Văn An' }, keyUsage: SIGNING_USAGE, validity: 'current' },
      { name: 'expired', label: 'leader-expired', id: '02', subject: { C: 'VN', L: PROVINCE, O: AGENCY, title: 'Phó Chủ tịch', CN: 'Nguyễn Văn An' }, keyUsage: SIGNING_USAGE, validity: 'expired' },
      { name: 'wrongUsage', label: 'leader-wrong-usage', id: '03', subject: { C: 'VN', L: PROVINCE, O: AGENCY, title: 'Phó Chủ tịch', CN: 'Nguyễn Văn An (mã hoá)' }, keyUsage: 'critical,keyEncipherment', validity: 'current' },
    ],
  },
  {
    label: 'AGENCY',
    userPin: '654321',
    soPin: '87654321',
    certificates: [
      { name: 'agency', label: 'agency', id: '11', subject: { C: 'VN', L: PROVINCE, O: AGENCY, CN: AGENCY }, keyUsage: SIGNING_USAGE, email: 'vanthu@nghean.gov.vn', validity: 'current' },
    ],
  },
];

const CA_SUBJECT = { C: 'VN', O: 'Ban Cơ yếu Chính phủ (thử nghiệm)', CN: 'VanThu Test CA' };

function parseArgs(argv) {
  const index = argv.indexOf('--out');
  const crl = argv.indexOf('--crl-url');
  if (index < 0 || !argv[index + 1] || (crl >= 0 && !/^https?:\/\//.test(argv[crl + 1] ?? ''))) {
    console.error('usage: node scripts/make-test-tokens.mjs --out DIR [--crl-url URL]');
    process.exit(2);
  }
  return { dir: path.resolve(argv[index + 1]), crlUrl: crl >= 0 ? argv[crl + 1] : null };
}

function run(command, args, env) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  } catch (error) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${error.stderr || error.message}`, { cause: error });
  }
}

/** OpenSSL's one-line DN form; `-utf8` makes each value a UTF8String. */
function distinguishedName(fields) {
  return Object.entries(fields)
    .map(([key, value]) => `/${key}=${value.replace(/[/\\]/g, '\\$&')}`)
    .join('');
}

/** The YYMMDDHHMMSSZ form `openssl ca -startdate/-enddate` takes (UTCTime, fine until 2050). */
function utcTime(date) {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

function validityOf(kind, now) {
  return kind === 'expired'
    ? { notBefore: new Date(now - 365 * DAY_MS), notAfter: new Date(now - DAY_MS) }
    : { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + 2 * 365 * DAY_MS) };
}

function writeCaConfig(dir) {
  const caDir = path.join(dir, 'ca');
  mkdirSync(path.join(caDir, 'issued'), { recursive: true });
  writeFileSync(path.join(caDir, 'index.txt'), '');
  writeFileSync(path.join(caDir, 'serial'), '1000\n');
  writeFileSync(path.join(caDir, 'crlnumber'), '01\n');
  const config = path.join(caDir, 'openssl.cnf');
  // -preserveDN keeps the subject as requested (title, L, …); the policy only has to exist.
  writeFileSync(
    config,
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${path.join(caDir, 'index.txt')}`,
      `new_certs_dir = ${path.join(caDir, 'issued')}`,
      `serial = ${path.join(caDir, 'serial')}`,
      `crlnumber = ${path.join(caDir, 'crlnumber')}`,
      'default_crl_days = 30',
      `certificate = ${path.join(dir, 'ca.pem')}`,
      `private_key = ${path.join(caDir, 'ca.key')}`,
      'default_md = sha256',
      'policy = policy_any',
      'unique_subject = no',
      'email_in_dn = no',
      '[policy_any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  return config;
}

function makeCa(dir) {
  const key = path.join(dir, 'ca', 'ca.key');
  run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', key]);
  run('openssl', [
    'req', '-x509', '-new', '-utf8', '-key', key, '-sha256', '-days', '3650', '-subj', distinguishedName(CA_SUBJECT),
    '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign', '-addext', 'subjectKeyIdentifier=hash',
    '-out', path.join(dir, 'ca.pem'),
  ]);
}

function issue(dir, caConfig, spec, now, crlUrl) {
  const base = path.join(dir, 'certs', spec.name);
  const validity = validityOf(spec.validity, now);
  run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', `${base}.key.pem`]);
  run('openssl', ['req', '-new', '-utf8', '-key', `${base}.key.pem`, '-subj', distinguishedName(spec.subject), '-out', `${base}.csr`]);
  const extensions = [
    '[leaf]',
    'basicConstraints = critical,CA:FALSE',
    `keyUsage = ${spec.keyUsage}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    ...(spec.email ? [`subjectAltName = email:${spec.email}`] : []),
    ...(crlUrl ? [`crlDistributionPoints = URI:${crlUrl}`] : []),
    '',
  ].join('\n');
  writeFileSync(`${base}.ext`, extensions);
  run('openssl', [
    'ca', '-batch', '-config', caConfig, '-utf8', '-preserveDN', '-notext', '-in', `${base}.csr`, '-out', `${base}.pem`,
    '-startdate', utcTime(validity.notBefore), '-enddate', utcTime(validity.notAfter), '-extfile', `${base}.ext`, '-extensions', 'leaf',
  ]);
  run('openssl', ['x509', '-in', `${base}.pem`, '-outform', 'DER', '-out', `${base}.der`]);
  run('openssl', ['pkey', '-in', `${base}.key.pem`, '-pubout', '-outform', 'DER', '-out', `${base}.pub.der`]);
  run('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', `${base}.key.pem`, '-outform', 'DER', '-out', `${base}.key.der`]);
  return { base, validity };
}

function main() {
  const { dir, crlUrl } = parseArgs(process.argv.slice(2));
  const module = MODULE_CANDIDATES.find((candidate) => existsSync(candidate));
  if (!module) throw new Error(`SoftHSM2 is not installed (looked for ${MODULE_CANDIDATES.join(', ')}); run scripts/ensure-system-packages.sh`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'tokens'), { recursive: true });
  mkdirSync(path.join(dir, 'certs'));
  const conf = path.join(dir, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${path.join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { SOFTHSM2_CONF: conf };

  const caConfig = writeCaConfig(dir);
  makeCa(dir);
  const now = Date.now();
  const tokens = TOKENS.map((token) => {
    run('softhsm2-util', ['--init-token', '--free', '--label', token.label, '--pin', token.userPin, '--so-pin', token.soPin], env);
    const onToken = ['--module', module, '--token-label', token.label, '--login', '--pin', token.userPin];
    const certificates = token.certificates.map((spec) => {
      const { base, validity } = issue(dir, caConfig, spec, now, crlUrl);
      // The key may sign, is sensitive and not extractable, as on a real token.
      run('pkcs11-tool', [...onToken, '--write-object', `${base}.key.der`, '--type', 'privkey', '--id', spec.id, '--label', spec.label, '--usage-sign', '--sensitive', '--private'], env);
      // Its public half too, as real tokens do: private keys are invisible before login.
      run('pkcs11-tool', [...onToken, '--write-object', `${base}.pub.der`, '--type', 'pubkey', '--id', spec.id, '--label', spec.label, '--usage-sign'], env);
      run('pkcs11-tool', [...onToken, '--write-object', `${base}.der`, '--type', 'cert', '--id', spec.id, '--label', spec.label], env);
      return {
        name: spec.name,
        id: spec.id,
        label: spec.label,
        certificate: `${base}.pem`,
        // Test material only: the bench signs with the same key outside the token too.
        privateKey: `${base}.key.pem`,
        subject: spec.subject,
        email: spec.email ?? null,
        keyUsage: spec.keyUsage.replace('critical,', '').split(','),
        notBefore: validity.notBefore.toISOString(),
        notAfter: validity.notAfter.toISOString(),
      };
    });
    return { label: token.label, userPin: token.userPin, soPin: token.soPin, certificates };
  });

  // The CA's CRL, revoking nothing: what a CRL distribution point (--crl-url) serves.
  run('openssl', ['ca', '-batch', '-config', caConfig, '-gencrl', '-out', path.join(dir, 'ca', 'crl.pem')]);
  run('openssl', ['crl', '-in', path.join(dir, 'ca', 'crl.pem'), '-outform', 'DER', '-out', path.join(dir, 'ca.crl')]);

  const manifest = { module, conf, caCertificate: path.join(dir, 'ca.pem'), caPrivateKey: path.join(dir, 'ca', 'ca.key'), caSubject: CA_SUBJECT, crl: path.join(dir, 'ca.crl'), crlUrl, tokens };
  writeFileSync(path.join(dir, 'tokens.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`test tokens in ${dir} (SOFTHSM2_CONF=${conf})`);
}

main();
