// Generates content/cases/cases.jsonl: a sample case export of the fictional provider Nimbus Cloud, for the case–article
// reports. Deterministic (seeded), so `node content/cases/generate.ts` always writes the same file.
//
// Cases quote the error strings of our own articles (content/articles/en) the way customers do: a line of a log, a
// paraphrased subject, noise around it. About 15 % describe problems no article covers (content gaps); several of them
// share an error signature so the gap report can group them. A few are in Traditional Chinese, and a few carry planted
// fake secrets and personal data to prove that redaction works. Nothing here comes from real customers.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom as random } from '../../scripts/seeded-random.ts';

const SEED = 20260415;
const TARGET_CASES = 336;

const rand = random(SEED);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
const chance = (p: number) => rand() < p;
const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
const hex = (length: number) => Array.from({ length }, () => '0123456789abcdef'[int(0, 15)]).join('');

const regions = ['eu-central-1', 'eu-west-2', 'us-east-1', 'ap-northeast-1', 'ap-east-1'];
const fill = (template: string): string =>
  template
    .replace(/\{instance\}/g, () => `i-0${hex(16)}`)
    .replace(/\{vol\}/g, () => `vol-0${hex(16)}`)
    .replace(/\{region\}/g, () => pick(regions))
    .replace(/\{ip\}/g, () => `203.0.113.${int(10, 250)}`)
    .replace(/\{private\}/g, () => `10.${int(0, 40)}.${int(0, 20)}.${int(2, 250)}`)
    .replace(/\{bucket\}/g, () => pick(['media-prod', 'invoices-archive', 'build-artifacts', 'customer-uploads', 'logs-eu']))
    .replace(/\{cluster\}/g, () => pick(['prod-eu', 'staging', 'shop-k8s', 'data-platform', 'ci-runners']))
    .replace(/\{node\}/g, () => `nk-${pick(['pool-a', 'general', 'batch'])}-${hex(5)}`)
    .replace(/\{request\}/g, () => `req-${hex(8)}-${hex(4)}`)
    .replace(/\{n\}/g, () => String(int(2, 40)))
    .replace(/\{time\}/g, () => `${String(int(0, 23)).padStart(2, '0')}:${String(int(0, 59)).padStart(2, '0')}`)
    .replace(/\{date\}/g, () => `2026-0${int(1, 9)}-${String(int(10, 28))}`);

interface Scenario {
  /** Article that resolves it; none for a content gap. */
  article?: string;
  product: string;
  area: string;
  subjects: string[];
  openers: string[];
  /** Error lines as the customer pastes them (one is picked, sometimes two). */
  errors: string[];
  /** Extra log or command output around the error. */
  logs?: string[];
  tried?: string[];
  /** Relative frequency. Default 1. */
  weight?: number;
}

const scenarios: Scenario[] = [
  // backup
  {
    article: 'backup/postgresql-backup-pg-dump-connection-failed', product: 'backup', area: 'backup',
    subjects: ['Database backup failing with pg_dump connection error', 'DatabaseBackupFailed for our orders database', 'Nightly PostgreSQL backup job fails since yesterday'],
    openers: ['Our nightly PostgreSQL backup job started failing after we changed the firewall rules.', 'The backup plan for the orders database reports failures every night.'],
    errors: ['pg_dump: error: connection to server at "10.20.4.17", port 5432 failed: Connection timed out', 'pg_dump: error: connection to server at "10.20.4.17", port 5432 failed: FATAL:  no pg_hba.conf entry for host "10.20.8.33", user "nimbus_backup", database "orders", no encryption', 'Status: DatabaseBackupFailed'],
    logs: ['nimbus backup job describe --job-id bj-{n}{n} shows State FAILED, Phase DUMP'],
    tried: ['We can connect with psql from the bastion host.', 'Restarting the backup agent did not help.'],
  },
  {
    article: 'backup/restore-job-stuck-in-progress', product: 'backup', area: 'backup',
    subjects: ['Restore job stuck at 0%', 'Cross-region restore does not progress', 'Restore IN_PROGRESS for hours, cannot cancel'],
    openers: ['We started a restore of a recovery point copied from another region and it has not moved since.', 'Restore job has been in progress for over an hour at 0 percent.'],
    errors: ['RestoreJob rj-81c4d0e2f7 IN_PROGRESS 0% (no progress for 45m)', 'hydration lease held by worker hw-euc1-b-0417 (expired)'],
    tried: ['Cancel from the console does nothing, the job stays IN_PROGRESS.'],
  },
  {
    article: 'backup/retention-lock-violation-delete-recovery-point', product: 'backup', area: 'backup',
    subjects: ['Cannot delete old recovery points: RetentionLockViolation', 'Vault deletion fails with HTTP 409', 'How to reduce retention on a locked vault?'],
    openers: ['We want to delete recovery points to reduce storage cost but the API refuses.', 'We deleted the backup plan but the vault cannot be deleted.'],
    errors: ['RetentionLockViolation: Recovery point rp-5e0d17b2c9 is protected by the vault lock until 2027-01-14T00:00:00Z', 'RetentionLockViolation: Cannot reduce MinRetentionDays of a locked vault (current 90, requested 30)'],
  },
  {
    article: 'backup/vss-snapshot-access-denied-0x80070005', product: 'backup', area: 'backup',
    subjects: ['Windows backup fails in SNAPSHOT phase with 0x80070005', 'Application-consistent backup fails: Access is denied', 'VSS snapshot access denied on file server'],
    openers: ['Application-consistent backups of our Windows Server 2022 file server fail, file-level backups still work.', 'Since we hardened the service accounts the Windows backups fail.'],
    errors: ['SnapshotFailed: Volume Shadow Copy Service returned 0x80070005 for volume C:', 'Access is denied. (0x80070005)'],
    logs: ['Event ID 8193: Volume Shadow Copy Service error: Unexpected error calling routine. hr = 0x80070005, Access is denied.', 'Event 12292 in the Application log at the time of the backup.'],
  },
  {
    article: 'backup/vss-writer-error-timeout', product: 'backup', area: 'backup',
    subjects: ['SQL Server backup fails intermittently: VSS writer timeout', 'VSS_E_WRITERERROR_TIMEOUT during busy hours', 'SqlServerWriter failed'],
    openers: ['Backups of our SQL Server VM fail two or three times a week, always around the batch window.', 'vssadmin shows the SQL writer as failed after the backup.'],
    errors: ["Writer 'SqlServerWriter' failed: VSS_E_WRITERERROR_TIMEOUT (0x800423f2)", 'VSS_E_WRITERERROR_TIMEOUT'],
    logs: ["Writer name: 'SqlServerWriter'\n   State: [9] Failed\n   Last error: Timed out"],
  },
  // block storage
  {
    article: 'block-storage/attach-volume-volume-in-use', product: 'block-storage', area: 'storage',
    subjects: ['Cannot attach data volume: VolumeInUse', 'Volume stuck in detaching state', 'Automation fails at volume attach step'],
    openers: ['Our failover script moves a data volume from one instance to another and the attach step fails.', 'The volume shows in-use although the old instance was stopped.'],
    errors: ['Error: VolumeInUse: Volume {vol} is already attached to instance {instance} (state: in-use).', 'VolumeInUse'],
  },
  {
    article: 'block-storage/no-space-left-after-volume-resize', product: 'block-storage', area: 'storage',
    subjects: ['Resized volume but still no space left on device', 'df shows old size after volume resize', 'Disk full after increasing volume size'],
    openers: ['We increased the root volume from 50 GB to 200 GB in the console but the instance still shows 100% use.', 'After resizing the data volume the database still cannot write.'],
    errors: ['write error: No space left on device', 'No space left on device'],
    logs: ['$ df -h /\nFilesystem      Size  Used Avail Use% Mounted on\n/dev/nvme0n1p1   49G   49G     0 100% /', '$ lsblk\nnvme0n1     259:0    0  200G  0 disk\n└─nvme0n1p1 259:1    0   50G  0 part /'],
  },
  {
    article: 'block-storage/restored-volume-slow-first-read', product: 'block-storage', area: 'storage',
    subjects: ['Database very slow to start on restored volume', 'PostgreSQL start timed out after restore from snapshot', 'Restored volume has terrible read latency'],
    openers: ['We restored a volume from last night\'s snapshot and the database takes 20 minutes to start.', 'First full scan after restoring a volume is extremely slow, the second run is fine.'],
    errors: ['postgresql@16-main.service: start operation timed out. Terminating.', 'FATAL:  the database system is starting up'],
  },
  {
    article: 'block-storage/snapshot-stuck-pending-std1-volumes', product: 'block-storage', area: 'backup',
    subjects: ['Snapshot stuck in pending for hours', 'ConcurrentSnapshotLimitExceeded on scheduled backup', 'std1 volume snapshot never completes'],
    openers: ['A snapshot of one of our std1 volumes has been pending since this morning.', 'Our scheduled snapshot job fails because the previous one did not finish.'],
    errors: ['Error: ConcurrentSnapshotLimitExceeded: Volume {vol} already has a snapshot in progress.', 'ConcurrentSnapshotLimitExceeded'],
    weight: 0.6,
  },
  {
    article: 'block-storage/volume-iops-throttling-high-await', product: 'block-storage', area: 'storage',
    subjects: ['MySQL slow every day at the same time, high await', 'Volume IOPS throttling?', 'Disk latency spikes, VolumeThrottledOps above zero'],
    openers: ['Database queries slow down every day around 02:00 when backups run.', 'Our MySQL instance hangs for minutes, dmesg shows blocked tasks.'],
    errors: ['INFO: task mysqld:2143 blocked for more than 120 seconds.', 'VolumeThrottledOps'],
    logs: ['Device  r/s   w/s  r_await w_await %util\nnvme1n1 310.0 2950.0 38.2 61.7 99.8'],
  },
  // compute
  {
    article: 'compute/boot-kernel-panic-unable-to-mount-root-fs', product: 'compute', area: 'virtualization',
    subjects: ['Instance does not boot after apt upgrade: kernel panic', 'Imported VM image fails to boot', 'Status check failed, console shows kernel panic'],
    openers: ['After running apt upgrade and rebooting, the instance fails its status check and SSH times out.', 'We imported a disk image from our on-premises VMware and it does not boot.'],
    errors: ['Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0)', 'ALERT!  UUID=3f1c9a2e-6b7d-4e18-9c55-0a2d1f7b8e64 does not exist.  Dropping to a shell!'],
    logs: ['[    2.314159] ---[ end Kernel panic - not syncing: VFS: Unable to mount root fs on unknown-block(0,0) ]---'],
  },
  {
    article: 'compute/cloud-init-metadata-http-429', product: 'compute', area: 'virtualization',
    subjects: ['Some instances of scale-out have no SSH key', 'cloud-init did not run user data on a few instances', 'Hostname is localhost on new instances'],
    openers: ['We launched 200 instances at once and about ten of them have no SSH key and did not run user data.', 'During a large scale-out some instances boot with hostname localhost.'],
    errors: ["url_helper.py[WARNING]: Calling 'http://169.254.169.254/nimbus/v1/meta-data/instance-id' failed [3/120s]: bad status code [429]", 'DataSourceNimbus: No metadata found, falling back to DataSourceNone'],
  },
  {
    article: 'compute/iis-http-error-403-14-forbidden', product: 'compute', area: 'virtualization',
    subjects: ['IIS site returns HTTP Error 403.14 - Forbidden', '403.14 after deployment to new Windows instance', 'Web server is configured to not list the contents of this directory'],
    openers: ['We deployed our ASP.NET application to a fresh Windows Server instance and the site root shows an IIS error page.', 'After the last deployment the site returns 403 for the root URL.'],
    errors: ['HTTP Error 403.14 - Forbidden', 'The Web server is configured to not list the contents of this directory.'],
    logs: ['$ curl -I http://{ip}/\nHTTP/1.1 403 Forbidden\nServer: Microsoft-IIS/10.0'],
  },
  {
    article: 'compute/ssh-connection-timed-out', product: 'compute', area: 'networking',
    subjects: ['Cannot SSH to instance: connection timed out', 'SSH hangs then times out', 'New instance not reachable on port 22'],
    openers: ['I launched a new Ubuntu instance and cannot connect with SSH.', 'Our instance is running and passes status checks, but SSH times out.'],
    errors: ['ssh: connect to host 203.0.113.25 port 22: Connection timed out', 'TcpTestSucceeded : False'],
    logs: ['Test-NetConnection 203.0.113.25 -Port 22\nWARNING: TCP connect to 203.0.113.25:22 failed'],
    weight: 1.5,
  },
  {
    article: 'compute/ssh-permission-denied-publickey', product: 'compute', area: 'identity',
    subjects: ['SSH Permission denied (publickey)', 'Cannot log in to Linux instance with my key', 'ssh key rejected after reboot'],
    openers: ['I cannot log in to my Linux instance any more, the key worked last week.', 'After we changed permissions on /home the SSH login fails.', 'Our deployment tool cannot connect to the new Nimbus Linux image.'],
    errors: ['ubuntu@203.0.113.25: Permission denied (publickey).', 'Authentication refused: bad ownership or modes for directory /home/ubuntu/.ssh', 'userauth_pubkey: signature algorithm ssh-rsa not in PubkeyAcceptedAlgorithms [preauth]'],
    logs: ['debug1: Offering public key: /home/dev/.ssh/id_rsa RSA SHA256:{request}\ndebug1: Authentications that can continue: publickey'],
    weight: 1.6,
  },
  {
    article: 'compute/windows-update-error-0x80070005', product: 'compute', area: 'virtualization',
    subjects: ['Windows Update fails with 0x80070005', 'Patch run failed: E_ACCESSDENIED', 'Cumulative update install error 0x80070005'],
    openers: ['The monthly patch run fails on several of our Windows instances.', 'Settings shows an install error for the latest cumulative update.'],
    errors: ['Install error - 0x80070005', 'PatchInstall failed: HRESULT 0x80070005 (E_ACCESSDENIED): Access is denied.'],
  },
  // dns
  {
    article: 'dns/dnssec-servfail-dnskey-missing', product: 'dns', area: 'networking',
    subjects: ['Domain does not resolve for some users: SERVFAIL', 'SERVFAIL after moving name servers to Nimbus DNS', 'DNSSEC problem after migration?'],
    openers: ['Right after we switched the name servers to Nimbus DNS some customers cannot reach our site.', 'Public resolvers return SERVFAIL for our domain.'],
    errors: ['status: SERVFAIL', 'EDE: 9 (DNSKEY Missing)'],
    logs: ['$ dig @1.1.1.1 example.com\n;; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: 4242'],
  },
  {
    article: 'dns/legacy-resolver-refused-169-254-0-53', product: 'dns', area: 'networking',
    subjects: ['Private zone names fail in old VPC: REFUSED', 'Resolver 169.254.0.53 refuses queries'],
    openers: ['On machines in one of our older VPCs the private zone names do not resolve.'],
    errors: ['status: REFUSED', ';; connection timed out; no servers could be reached'],
    logs: ['$ cat /etc/resolv.conf\nnameserver 169.254.0.53'],
    weight: 0.5,
  },
  {
    article: 'dns/private-zone-nxdomain-from-vpc', product: 'dns', area: 'networking',
    subjects: ['Private DNS record not found from VM: NXDOMAIN', 'nslookup db.corp.internal fails', 'Private zone works in one VPC only'],
    openers: ['The record exists in our private zone but the VM cannot resolve it.', 'Resolution works on Linux machines but not on our domain-joined Windows servers.'],
    errors: ["** server can't find db.corp.internal: NXDOMAIN", 'NXDOMAIN'],
  },
  {
    article: 'dns/record-change-not-propagating-ttl', product: 'dns', area: 'networking',
    subjects: ['DNS change not visible for some users', 'Record updated but old IP still returned', 'New record NXDOMAIN from some resolvers'],
    openers: ['We changed the A record of www two hours ago and some users still reach the old server.', 'nimbus dns change describe says INSYNC but my laptop gets the old value.'],
    errors: ["curl: (28) Failed to connect to www.example.com port 443 after 75002 ms: Couldn't connect to server", 'NXDOMAIN'],
  },
  // iam
  {
    article: 'iam/access-denied-not-authorized-to-perform-action', product: 'iam', area: 'identity',
    subjects: ['CI pipeline fails with AccessDenied', 'User is not authorized to perform storage:PutObject', 'HTTP 403 from deploy job after policy change'],
    openers: ['Our CI pipeline that uploads build artifacts started to fail today.', 'After the security team changed policies our deploy user gets 403.'],
    errors: ['AccessDenied: User arn:nimbus:iam::123456789012:user/ci-deployer is not authorized to perform: storage:PutObject on resource: arn:nimbus:storage:::release-artifacts/builds/app-1.42.0.tar.gz'],
    weight: 1.3,
  },
  {
    article: 'iam/expired-token-security-token-expired', product: 'iam', area: 'identity',
    subjects: ['Scripts fail after one hour: ExpiredToken', 'The security token included in the request is expired', 'Long-running upload fails halfway'],
    openers: ['Our migration script works for about an hour and then every request fails.', 'A long deployment job fails halfway with HTTP 400.'],
    errors: ['ExpiredToken: The security token included in the request is expired'],
  },
  {
    article: 'iam/invalid-client-token-id', product: 'iam', area: 'identity',
    subjects: ['InvalidClientTokenId after key rotation', 'Every CLI command fails with 403 after rotating keys', 'Access key works in one environment only'],
    openers: ['We rotated the access key of our automation user and now every CLI command fails.', 'The same access key works on my laptop but not on the build server.'],
    errors: ['InvalidClientTokenId: The security token included in the request is invalid'],
  },
  {
    article: 'iam/mfa-device-out-of-sync', product: 'iam', area: 'identity',
    subjects: ['MFA code rejected although correct', 'MFA device out of sync', 'Cannot sign in: InvalidAuthenticationCode'],
    openers: ['One of our admins cannot sign in, the console says the MFA code is wrong.', 'get-session-token fails for one user with the code from the authenticator app.'],
    errors: ['InvalidAuthenticationCode: MFA device out of sync. Resynchronize the device and try again.', 'MFA device out of sync'],
  },
  {
    article: 'iam/saml-audience-mismatch', product: 'iam', area: 'identity',
    subjects: ['SAML sign-in broken: audience mismatch', 'Users sent to error page after IdP login', 'Invalid SAML response after re-creating the app in Okta'],
    openers: ['After we re-created the SAML application in our identity provider nobody can sign in to the console.', 'Federated sign-in stopped working this morning.'],
    errors: ['SAMLValidationError: Invalid SAML response: audience mismatch (expected urn:nimbus:signin:123456789012, got https://signin.nimbus.cloud/saml)', 'Invalid SAML response: audience mismatch'],
  },
  // kubernetes
  {
    article: 'kubernetes/imagepullbackoff-x509-unknown-authority', product: 'kubernetes', area: 'containers',
    subjects: ['Pods in ImagePullBackOff: x509 certificate signed by unknown authority', 'Cannot pull from private registry after cert renewal', 'ErrImagePull from internal registry'],
    openers: ['New pods of {cluster} stay in ImagePullBackOff, public images pull fine.', 'Since the registry certificate was renewed the nodes cannot pull our images.'],
    errors: ['Failed to pull image "registry.corp.example/shop/web:1.8.2": rpc error: code = Unknown desc = failed to do request: Head "https://registry.corp.example/v2/shop/web/manifests/1.8.2": x509: certificate signed by unknown authority', 'ImagePullBackOff', 'x509: certificate signed by unknown authority'],
    logs: ['Warning  Failed     12s (x4 over 98s)  kubelet  Error: ErrImagePull'],
  },
  {
    article: 'kubernetes/ingress-503-service-unavailable', product: 'kubernetes', area: 'containers',
    subjects: ['Ingress returns 503 Service Temporarily Unavailable', 'Site behind ingress 503 during deployments', 'Service does not have any active Endpoint'],
    openers: ['Our shop behind the ingress controller returns 503 for every request although the pods are running.', 'During each rolling deployment we get 503 errors for a minute.'],
    errors: ['503 Service Temporarily Unavailable', 'Service "shop/web" does not have any active Endpoint.'],
  },
  {
    article: 'kubernetes/kubectl-unauthorized-after-credential-expiry', product: 'kubernetes', area: 'identity',
    subjects: ['kubectl: You must be logged in to the server (Unauthorized)', 'kubectl stopped working overnight', 'Unauthorized for every kubectl command'],
    openers: ['kubectl worked yesterday and now fails for every command on {cluster}.', 'I can still use the nimbus CLI but kubectl says Unauthorized.'],
    errors: ['error: You must be logged in to the server (Unauthorized)'],
  },
  {
    article: 'kubernetes/node-notready-pleg-not-healthy', product: 'kubernetes', area: 'containers',
    subjects: ['Nodes flapping NotReady: PLEG is not healthy', 'Node NotReady, pods stuck Terminating', 'KubeletNotReady on CI runner node pool'],
    openers: ['Nodes of our CI runner pool go NotReady several times a day.', 'kubectl get nodes shows {node} alternating between Ready and NotReady.'],
    errors: ['PLEG is not healthy: pleg was last seen active 3m12.456s ago; threshold is 3m0s', 'KubeletNotReady'],
    logs: ['Ready  False  KubeletNotReady  container runtime is down, PLEG is not healthy'],
  },
  {
    article: 'kubernetes/pods-pending-insufficient-cpu', product: 'kubernetes', area: 'containers',
    subjects: ['Pods stuck in Pending: Insufficient cpu', 'FailedScheduling after scale-up', 'Cluster autoscaler not adding nodes: max node group size reached'],
    openers: ['After scaling the deployment to 30 replicas new pods stay in Pending.', 'The scheduler reports insufficient CPU although the nodes are almost idle.'],
    errors: ['0/3 nodes are available: 3 Insufficient cpu.', 'Warning  FailedScheduling  default-scheduler  0/3 nodes are available: 3 Insufficient cpu.', 'max node group size reached'],
    weight: 1.3,
  },
  // mail relay
  {
    article: 'mail-relay/421-too-many-connections', product: 'mail-relay', area: 'messaging',
    subjects: ['Mail delayed: 421 Too many connections', 'SMTP 421 4.7.0 during peak hours', 'Queue growing on our MTA'],
    openers: ['Mail from our applications is delayed during peak hours and the queue grows.', 'Several pods send through the same NAT gateway and the relay refuses connections.'],
    errors: ['421 4.7.0 Too many connections from 203.0.113.45, try again later'],
  },
  {
    article: 'mail-relay/client-not-authenticated-5-7-57', product: 'mail-relay', area: 'messaging',
    subjects: ['Cannot send mail from application: 5.7.57', 'Printer scan to email fails through Nimbus relay', 'SmtpException: client was not authenticated'],
    openers: ['Our .NET application cannot send e-mail through the Nimbus mail relay.', 'The multifunction printer stopped sending scans by e-mail.', 'Sending works from Thunderbird with the same account but not from our app.'],
    errors: ['530 5.7.57 Client not authenticated to send mail', 'System.Net.Mail.SmtpException: The SMTP server requires a secure connection or the client was not authenticated. The server response was: 5.7.57 Client not authenticated to send mail'],
    logs: ['   at System.Net.Mail.SmtpTransport.SendMail(MailAddress sender, MailAddressCollection recipients)\n   at System.Net.Mail.SmtpClient.Send(MailMessage message)'],
    weight: 1.4,
  },
  {
    article: 'mail-relay/dkim-fail-body-hash-did-not-verify', product: 'mail-relay', area: 'messaging',
    subjects: ['Messages land in spam: dkim=fail body hash did not verify', 'DKIM failing for mails through disclaimer service', 'DMARC quarantine for our newsletter'],
    openers: ['Some recipients put our transactional mails in spam.', 'Since we added a disclaimer gateway DKIM fails.'],
    errors: ['dkim=fail (body hash did not verify)', 'dmarc=fail (p=quarantine sp=quarantine dis=quarantine)'],
  },
  {
    article: 'mail-relay/relaying-denied-550-5-7-1', product: 'mail-relay', area: 'messaging',
    subjects: ['550 5.7.1 Relaying denied', 'Mail from second domain rejected', 'Relaying denied although authentication succeeds'],
    openers: ['Mail from our main domain works, mail from the notifications subdomain is rejected.', 'Authentication succeeds but the relay rejects the message.'],
    errors: ['550 5.7.1 Relaying denied: sender domain notifications.example.net is not verified for this account', '550 5.7.1 Relaying denied'],
  },
  // object storage
  {
    article: 'object-storage/cors-preflight-request-fails', product: 'object-storage', area: 'networking',
    subjects: ['Browser upload blocked by CORS policy', 'Preflight request fails with 403', 'CORS error from single-page app to bucket'],
    openers: ['Uploads from our single-page application fail in the browser but work with curl.', 'The browser console shows a CORS error for uploads to our bucket.'],
    errors: ["Access to fetch at 'https://media-prod.s3.eu-central-1.nimbuscloud.example/uploads/photo.jpg' from origin 'https://app.example.com' has been blocked by CORS policy: Response to preflight request doesn't pass access control check: No 'Access-Control-Allow-Origin' header is present on the requested resource.", 'CORSResponse: This CORS request is not allowed.'],
  },
  {
    article: 'object-storage/delete-bucket-bucket-not-empty', product: 'object-storage', area: 'storage',
    subjects: ['Cannot delete bucket: BucketNotEmpty', 'Bucket looks empty but delete fails', 'DeleteBucket fails although ls shows nothing'],
    openers: ['nimbus storage ls shows no objects in {bucket} but deleting the bucket fails.'],
    errors: ['An error occurred (BucketNotEmpty) when calling the DeleteBucket operation: The bucket you tried to delete is not empty. You must delete all versions in the bucket.'],
  },
  {
    article: 'object-storage/lifecycle-rule-not-expiring-objects', product: 'object-storage', area: 'storage',
    subjects: ['Lifecycle rule does not delete old objects', 'Objects not expiring, storage cost growing', 'Lifecycle status ScanDeferred'],
    openers: ['We created a lifecycle rule to expire logs after 30 days but objects from March are still there.'],
    errors: ['Status: ScanDeferred', 'ScanDeferred'],
  },
  {
    article: 'object-storage/presigned-url-signature-does-not-match', product: 'object-storage', area: 'identity',
    subjects: ['Presigned URL upload fails: SignatureDoesNotMatch', 'HTTP 403 on presigned PUT', 'Presigned upload fails for file names with spaces'],
    openers: ['Presigned downloads work but uploads to a presigned URL return 403.', 'Only objects whose names contain spaces or plus signs fail to upload.'],
    errors: ['SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided. Check your key and signing method.'],
    logs: ['<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SignatureDoesNotMatch</Code><RequestId>{request}</RequestId></Error>'],
  },
  {
    article: 'object-storage/putobject-access-denied', product: 'object-storage', area: 'identity',
    subjects: ['Upload to bucket fails with AccessDenied', 'nimbus storage cp AccessDenied on PutObject', 'Can download but not upload objects'],
    openers: ['Listing and downloading objects in {bucket} works, uploading fails.', 'Uploads work for one prefix but not for another.'],
    errors: ['An error occurred (AccessDenied) when calling the PutObject operation: Access Denied'],
    weight: 1.3,
  },
  // vnet
  {
    article: 'vnet/load-balancer-err-connection-reset', product: 'vnet', area: 'networking',
    subjects: ['Site behind load balancer: ERR_CONNECTION_RESET', 'Long uploads reset after 60 seconds', 'Connection reset by peer through LB'],
    openers: ['Our site behind the Nimbus load balancer shows ERR_CONNECTION_RESET in Chrome.', 'Exports that take longer than a minute fail, short requests work.'],
    errors: ['ERR_CONNECTION_RESET', 'curl: (56) Recv failure: Connection reset by peer', 'curl: (35) OpenSSL SSL_connect: Connection reset by peer in connection to shop.example.com:443'],
  },
  {
    article: 'vnet/load-balancer-health-check-unhealthy-502', product: 'vnet', area: 'networking',
    subjects: ['Load balancer 502 Bad Gateway, targets UNHEALTHY', 'Health check fails although app answers', 'Targets unhealthy: Target.ResponseCodeMismatch'],
    openers: ['All targets of our load balancer are UNHEALTHY and clients get 502.', 'The application answers with curl on the instance, but the LB marks it unhealthy.'],
    errors: ['502 Bad Gateway', 'Target.ResponseCodeMismatch', 'Target.Timeout'],
    logs: ['$ nimbus vnet lb target-health --lb-id lb-{n}\nTARGET  STATE      REASON\n{instance}  UNHEALTHY  Target.ResponseCodeMismatch'],
  },
  {
    article: 'vnet/load-balancer-invalid-parameter-value-subnet', product: 'vnet', area: 'networking',
    subjects: ['Terraform fails: InvalidParameterValue.Subnet', 'Cannot create load balancer in second region', 'Subnet is in zone eu-central-1a but request specifies eu-central-1b'],
    openers: ['Our Terraform pipeline works in one account and fails in the other.', 'Creating the load balancer exits with code 1 and nothing is created.'],
    errors: ['Error: InvalidParameterValue.Subnet: Subnet subnet-0c41d7e2b9a5f3816 is in zone eu-central-1a, but the request specifies zone eu-central-1b.', 'Error: InvalidParameterValue.Subnet: Subnets subnet-0c41d7e2b9a5f3816 and subnet-0e2b6f9d1a3c7e450 are in the same zone eu-central-1a. Specify at most one subnet per zone.'],
  },
  {
    article: 'vnet/nat-gateway-no-outbound-connectivity', product: 'vnet', area: 'networking',
    subjects: ['No internet from private subnet, apt update hangs', 'NAT gateway not working', 'pip install times out on private instances'],
    openers: ['Instances in our private subnets cannot reach the internet, DNS works.', 'apt update hangs on every instance without a public IP.'],
    errors: ["curl: (28) Failed to connect to repo.example.org port 443 after 129870 ms: Couldn't connect to server", 'Could not connect to deb.debian.org:80 (146.75.118.132), connection timed out'],
  },
  {
    article: 'vnet/security-group-rules-per-security-group-limit-exceeded', product: 'vnet', area: 'networking',
    subjects: ['Cannot add security group rule: limit exceeded', 'RulesPerSecurityGroupLimitExceeded', 'Allow-list script fails after a while'],
    openers: ['Our script that allow-lists partner IP addresses stopped working.'],
    errors: ['Error: RulesPerSecurityGroupLimitExceeded: The maximum number of inbound rules per security group (60) has been reached for sg-04d8a1e7c2b9f3605.'],
    weight: 0.7,
  },
];

// Problems no article covers yet. Several share an error signature, so the gap report can group them.
const gaps: Scenario[] = [
  {
    product: 'block-storage', area: 'storage',
    subjects: ['Cannot attach more volumes to instance', 'VolumeAttachmentLimitExceeded when attaching 28th volume', 'Attach fails: attachment limit'],
    openers: ['Our Elasticsearch node needs more data volumes but attaching fails.', 'The attach call fails for every new volume on this instance.'],
    errors: ['Error: VolumeAttachmentLimitExceeded: Instance {instance} already has 27 volumes attached (limit 27).', 'VolumeAttachmentLimitExceeded'],
    weight: 6,
  },
  {
    product: 'compute', area: 'virtualization',
    subjects: ['Windows activation fails: 0xC004F074', 'Windows Server not activated on new instance', 'KMS activation error 0xC004F074'],
    openers: ['New Windows Server instances show "Windows is not activated".', 'slmgr /ato fails on our instances in the new VPC.'],
    errors: ['Error: 0xC004F074 The Software Licensing Service reported that the computer could not be activated. No Key Management Service (KMS) could be contacted.'],
    logs: ['C:\\> cscript slmgr.vbs /ato\nActivating Windows(R), ServerDatacenter edition\nError: 0xC004F074'],
    weight: 6,
  },
  {
    product: 'object-storage', area: 'storage',
    subjects: ['Uploads failing with 503 SlowDown', 'Please reduce your request rate', 'SlowDown errors during batch import'],
    openers: ['Our batch import writes many small objects and fails with 503 errors.', 'Since we moved to one prefix per day we get SlowDown errors.'],
    errors: ['An error occurred (SlowDown) when calling the PutObject operation (reached max retries: 4): Please reduce your request rate.', 'SlowDown'],
    weight: 5,
  },
  {
    product: 'kubernetes', area: 'containers',
    subjects: ['Pod CrashLoopBackOff, OOMKilled exit code 137', 'Container killed with exit code 137', 'Java pods restarting: OOMKilled'],
    openers: ['Our Java service restarts every few minutes in {cluster}.', 'Pods of the reporting job keep restarting.'],
    errors: ['Last State: Terminated\n  Reason: OOMKilled\n  Exit Code: 137', 'Back-off restarting failed container: CrashLoopBackOff'],
    weight: 6,
  },
  {
    product: 'mail-relay', area: 'messaging',
    subjects: ['Attachment rejected: 554 5.7.9', 'Mails with zip attachments bounced', 'Message not accepted for policy reasons'],
    openers: ['Invoices sent as zip files bounce since this week.'],
    errors: ['554 5.7.9 Message not accepted for policy reasons: attachment type not allowed'],
    weight: 4,
  },
  {
    product: 'dns', area: 'networking',
    subjects: ['Cannot create CNAME at zone apex', 'InvalidChangeBatch for apex CNAME', 'How to point root domain to load balancer?'],
    openers: ['We want example.com (without www) to point to our load balancer but the change is rejected.'],
    errors: ['InvalidChangeBatch: RRSet of type CNAME with DNS name example.com. is not permitted at apex in zone example.com.'],
    weight: 4,
  },
  {
    product: 'iam', area: 'identity',
    subjects: ['Cannot set password for new user', 'PasswordPolicyViolation when creating login profile'],
    openers: ['Creating a console password for a new team member fails.'],
    errors: ['PasswordPolicyViolation: Password does not meet the account password policy requirements'],
    weight: 3,
  },
  {
    product: 'backup', area: 'backup',
    subjects: ['Backup of encrypted volume fails: KMS key disabled', 'KMSKeyDisabledException in backup job'],
    openers: ['Backups of our encrypted volumes fail since the security team rotated keys.'],
    errors: ['KMSKeyDisabledException: The key kms-{n}-prod used to encrypt vol-0f3b is disabled'],
    weight: 3,
  },
];

// Traditional Chinese cases: a customer's own words around the English error text, as it appears on screen.
const zhCases: Array<{ article?: string; product: string; area: string; subject: string; body: string }> = [
  { article: 'compute/ssh-permission-denied-publickey', product: 'compute', area: 'identity', subject: '無法用 SSH 登入 Linux 執行個體', body: '上週還可以連線，今天重新開機後就出現以下錯誤：\n\nubuntu@203.0.113.25: Permission denied (publickey).\n\n金鑰沒有換過，請協助確認。' },
  { article: 'compute/iis-http-error-403-14-forbidden', product: 'compute', area: 'virtualization', subject: 'IIS 網站首頁出現 403.14 錯誤', body: '部署新版本後，網站根目錄顯示 IIS 錯誤頁：\nHTTP Error 403.14 - Forbidden\nThe Web server is configured to not list the contents of this directory.\n請問該如何設定預設文件？' },
  { article: 'object-storage/putobject-access-denied', product: 'object-storage', area: 'identity', subject: '上傳物件到儲存貯體時出現 AccessDenied', body: '下載和列出物件都正常，但上傳失敗：\nAn error occurred (AccessDenied) when calling the PutObject operation: Access Denied\n存取金鑰是有效的。' },
  { article: 'iam/expired-token-security-token-expired', product: 'iam', area: 'identity', subject: '腳本執行一小時後全部失敗', body: '我們的移轉腳本大約跑一個小時後，每個請求都回傳 HTTP 400：\nExpiredToken: The security token included in the request is expired' },
  { article: 'mail-relay/client-not-authenticated-5-7-57', product: 'mail-relay', area: 'messaging', subject: '應用程式無法透過郵件轉送寄信 5.7.57', body: '應用程式寄信時出現錯誤：\n530 5.7.57 Client not authenticated to send mail\n用 Thunderbird 以相同帳號寄信是正常的。' },
  { article: 'kubernetes/node-notready-pleg-not-healthy', product: 'kubernetes', area: 'containers', subject: '節點一直在 NotReady 和 Ready 之間切換', body: 'CI 執行器的節點集區每天會有好幾次 NotReady，事件中看到：\nPLEG is not healthy: pleg was last seen active 3m12.456s ago; threshold is 3m0s' },
  { article: 'vnet/load-balancer-err-connection-reset', product: 'vnet', area: 'networking', subject: '負載平衡器後方網站出現 ERR_CONNECTION_RESET', body: '使用 Chrome 開啟網站時顯示「無法連上這個網站」ERR_CONNECTION_RESET。\n直接連到後端執行個體則正常。' },
  { article: 'dns/private-zone-nxdomain-from-vpc', product: 'dns', area: 'networking', subject: '私人區域的記錄在虛擬機器上查不到', body: '記錄確實存在於私人區域，但在 VM 上執行 nslookup 得到：\n** server can\'t find db.corp.internal: NXDOMAIN\n在另一個 VPC 中則可以解析。' },
  { article: 'block-storage/no-space-left-after-volume-resize', product: 'block-storage', area: 'storage', subject: '磁碟區擴充後仍然顯示空間不足', body: '我們在主控台把磁碟區從 50 GB 加大到 200 GB，但 df -h 仍顯示 100% 使用，應用程式寫入時出現：\nwrite error: No space left on device' },
  { article: 'backup/vss-snapshot-access-denied-0x80070005', product: 'backup', area: 'backup', subject: 'Windows 備份在快照階段失敗 0x80070005', body: '應用程式一致性備份失敗，檔案層級備份正常。\nSnapshotFailed: Volume Shadow Copy Service returned 0x80070005 for volume C:' },
  { product: 'compute', area: 'virtualization', subject: 'Windows Server 無法啟用 0xC004F074', body: '新建立的 Windows Server 執行個體顯示「Windows 尚未啟用」，執行 slmgr /ato 時出現：\nError: 0xC004F074 The Software Licensing Service reported that the computer could not be activated.' },
  { product: 'kubernetes', area: 'containers', subject: 'Pod 不斷重新啟動 OOMKilled', body: '報表服務的 Pod 每隔幾分鐘就重新啟動：\nReason: OOMKilled\nExit Code: 137\n請問是否需要調整記憶體限制？' },
];

// Planted fake secrets and personal data (all invented): they must never reach any output.
const plants = [
  'You can reach me at maria.schneider@example.org or +49 30 1234 5678.',
  'My colleague (tom.baker@example.com, mobile 0912-345-678) can give you access.',
  'Here is the failing call: curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJjaS1kZXBsb3llciIsImV4cCI6MTc5MDAwMDAwMH0.c2lnbmF0dXJlLW5vdC1yZWFs" https://api.nimbus.cloud/v1/instances',
  'Config: NIMBUS_ACCESS_KEY_ID=NAKIA7Q2M8Z3K5W1X9PL NIMBUS_SECRET_ACCESS_KEY=Zr8c1Vt9PqWx4Lm2Ns7Jd0Hk6Yb3Gf5Ta1Ue8Rc2',
  'Connection string: postgres://backup_admin:Sup3rS3cret!2026@10.20.4.17:5432/orders',
  'The server IP is 198.51.100.77 and the internal one 10.12.3.44, IPv6 2001:db8:85a3::8a2e:370:7334.',
  'Key we use:\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZWQy\nNTUxOQAAACDfakefakefakefakefakefakefakefakefakefakefakefakeAAAA\n-----END OPENSSH PRIVATE KEY-----',
  'api_key: "nk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c" and password=Winter2026!',
];

const severities = ['sev1', 'sev1', 'sev1', 'sev2', 'sev2', 'sev2', 'sev2', 'sev3', 'sev3', 'sev3', 'sev4'];
const statuses = ['solved', 'solved', 'solved', 'solved', 'solved', 'closed', 'closed', 'open', 'open', 'pending', 'new'];
const closings = ['', '', 'Thanks for your help.', 'This is blocking our release, please help urgently.', 'Any idea?', 'Production is affected.', 'Best regards'];

function weighted(items: readonly Scenario[]): Scenario {
  const total = items.reduce((sum, item) => sum + (item.weight ?? 1), 0);
  let roll = rand() * total;
  for (const item of items) {
    roll -= item.weight ?? 1;
    if (roll <= 0) return item;
  }
  return items[items.length - 1]!;
}

function body(scenario: Scenario): string {
  const parts = [fill(pick(scenario.openers))];
  const first = pick(scenario.errors);
  const errorLines = [first];
  if (scenario.errors.length > 1 && chance(0.35)) errorLines.push(pick(scenario.errors.filter((line) => line !== first)));
  const style = rand();
  if (style < 0.5) parts.push(`Error:\n\`\`\`\n${errorLines.map(fill).join('\n')}\n\`\`\``);
  else if (style < 0.8) parts.push(`We get: ${errorLines.map(fill).join(' / ')}`);
  else parts.push(`${fill(`[{date}T{time}:${int(10, 59)}Z] ERROR `)}${errorLines.map(fill).join('\n')}`);
  if (scenario.logs && chance(0.5)) parts.push(fill(pick(scenario.logs)));
  if (scenario.tried && chance(0.5)) parts.push(fill(pick(scenario.tried)));
  if (chance(0.3)) parts.push(`Region ${pick(regions)}, request id ${fill('{request}')}.`);
  const closing = pick(closings);
  if (closing) parts.push(closing);
  return parts.join('\n\n');
}

const start = Date.UTC(2025, 10, 1); // 2025-11-01
const span = 365 * 24 * 3600 * 1000;
const iso = (time: number) => new Date(time).toISOString().replace(/\.\d{3}Z$/, 'Z');

interface CaseRecord {
  id: string;
  subject: string;
  body: string;
  product: string;
  area: string;
  severity: string;
  status: string;
  createdAt: string;
  resolvedAt?: string;
  linkedArticles?: string[];
}

const records: Array<CaseRecord & { time: number }> = [];
function makeCase(base: { subject: string; body: string; product: string; area: string; article?: string }): void {
  // Later months have more cases: the customer base grows.
  const time = start + Math.floor(Math.sqrt(rand()) * span);
  const status = pick(statuses);
  const record: CaseRecord & { time: number } = {
    time,
    id: '',
    subject: base.subject,
    body: base.body,
    product: base.product,
    area: base.area,
    severity: pick(severities),
    status,
    createdAt: iso(time),
  };
  if (status === 'solved' || status === 'closed') {
    record.resolvedAt = iso(time + int(1, 120) * 3600 * 1000 + int(0, 59) * 60 * 1000);
    if (base.article && chance(0.55)) record.linkedArticles = [base.article];
  }
  records.push(record);
}

const gapCount = Math.round(TARGET_CASES * 0.15) - zhCases.filter((item) => !item.article).length;
for (const item of zhCases) makeCase(item);
for (let i = 0; i < gapCount; i++) {
  const scenario = weighted(gaps);
  makeCase({ subject: fill(pick(scenario.subjects)), body: body(scenario), product: scenario.product, area: scenario.area });
}
while (records.length < TARGET_CASES) {
  const scenario = weighted(scenarios);
  makeCase({
    subject: fill(pick(scenario.subjects)),
    body: body(scenario),
    product: scenario.product,
    area: scenario.area,
    ...(scenario.article ? { article: scenario.article } : {}),
  });
}
// Plant the fake secrets into a few cases spread over the year.
plants.forEach((plant, index) => {
  const record = records[(index * 37 + 11) % records.length]!;
  record.body = `${record.body}\n\n${plant}`;
});
records.sort((a, b) => a.time - b.time);
let number = 100_230;
for (const record of records) {
  number += int(1, 9);
  record.id = `NC-${number}`;
}

const out = records.map(({ time: _time, ...record }) => JSON.stringify(record)).join('\n');
const target = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cases.jsonl');
writeFileSync(target, `${out}\n`);
console.log(`${records.length} cases written to ${path.relative(process.cwd(), target)}`);
