// Products come from the source's folders: every top folder is a product, a folder that is too big is split into
// its subfolders, and subfolders too small to stand alone stay with their parent. Areas come from folder keywords.

/** How folders become products. */
export interface GroupingOptions {
  /** A folder with more articles than this is split into its subfolders. Default 350. */
  maxProductSize?: number;
  /** A subfolder with fewer articles than this stays in its parent's product. Default 20. */
  minProductSize?: number;
}

/** A product derived from the source folders. */
export interface ProductGroup {
  id: string;
  name: string;
  /** The source folder (with `/` at the end; `''` for files at the root) and whether subfolders were folded in. */
  folder: string;
  merged: boolean;
}

interface Folder {
  name: string;
  path: string;
  count: number;
  children: Map<string, Folder>;
  files: string[];
}

/** Assigns every article path (relative, `/`-separated) to a product. */
export function groupProducts(paths: readonly string[], options: GroupingOptions = {}): { products: ProductGroup[]; productOf: Map<string, string> } {
  const max = options.maxProductSize ?? 350;
  const min = options.minProductSize ?? 20;
  const root: Folder = { name: '', path: '', count: 0, children: new Map(), files: [] };
  for (const file of paths) {
    const segments = file.split('/').slice(0, -1);
    let folder = root;
    folder.count++;
    for (const segment of segments) {
      let child = folder.children.get(segment);
      if (!child) folder.children.set(segment, (child = { name: segment, path: `${folder.path}${segment}/`, count: 0, children: new Map(), files: [] }));
      child.count++;
      folder = child;
    }
    folder.files.push(file);
  }

  // A group is a folder plus the chain of named ancestors that give it its id.
  const groups: { folder: Folder; names: string[]; files: string[]; merged: boolean }[] = [];
  const allFiles = (folder: Folder): string[] => [...folder.files, ...[...folder.children.values()].flatMap(allFiles)];
  const assign = (folder: Folder, names: string[], top: boolean) => {
    const split = top || (folder.count > max && folder.children.size > 0);
    if (!split) {
      groups.push({ folder, names: [...names, folder.name], files: allFiles(folder), merged: false });
      return;
    }
    const own = [...folder.files];
    const big = [...folder.children.values()].filter((child) => top || child.count >= min);
    for (const child of folder.children.values()) if (!big.includes(child)) own.push(...allFiles(child));
    // A folder keeps its name in its subfolders' ids only when it is a product itself (`azure` → `azure-monitor`).
    const childNames = own.length > 0 && !top ? [...names, folder.name] : names;
    if (own.length > 0) groups.push({ folder, names: top ? ['general'] : [...names, folder.name], files: own, merged: own.length > folder.files.length });
    for (const child of [...big].sort((a, b) => (a.name < b.name ? -1 : 1))) assign(child, childNames, false);
  };
  assign(root, [], true);

  const products: ProductGroup[] = [];
  const productOf = new Map<string, string>();
  const taken = new Set<string>();
  for (const group of groups.sort((a, b) => (a.folder.path < b.folder.path ? -1 : a.folder.path > b.folder.path ? 1 : 0))) {
    const tokens = dedupeTokens(group.names.flatMap(words));
    let id = tokens.join('-') || 'general';
    for (let suffix = 2; taken.has(id); suffix++) id = `${tokens.join('-') || 'general'}-${suffix}`;
    taken.add(id);
    products.push({ id, name: displayName(tokens), folder: group.folder.path, merged: group.merged });
    for (const file of group.files) productOf.set(file, id);
  }
  return { products, productOf };
}

/** Lower-case words of a folder name: `ExchangeOnline` → exchange, online; `Microsoft365` → microsoft, 365. */
export function words(name: string): string[] {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

function dedupeTokens(tokens: string[]): string[] {
  const seen = new Set<string>();
  return tokens.filter((token) => (seen.has(token) ? false : (seen.add(token), true)));
}

const ACRONYMS: Record<string, string> = {
  ad: 'AD', aks: 'AKS', api: 'API', dns: 'DNS', dpm: 'DPM', iis: 'IIS', mem: 'MEM', os: 'OS', rds: 'RDS', scom: 'SCOM', scsm: 'SCSM', sdn: 'SDN', sql: 'SQL', vm: 'VM', vmm: 'VMM', vms: 'VMs', wcf: 'WCF', ndr: 'NDR', ssms: 'SSMS', devops: 'DevOps', biztalk: 'BizTalk', intune: 'Intune',
};

function displayName(tokens: string[]): string {
  if (tokens.length === 0) return 'General';
  return tokens.map((token) => ACRONYMS[token] ?? (token.length <= 2 ? token.toUpperCase() : `${token[0]?.toUpperCase() ?? ''}${token.slice(1)}`)).join(' ');
}

/** The areas an imported article can have, in our taxonomy's style. */
export const importedAreas = [
  { id: 'networking', name: 'Networking', names: { 'zh-TW': '網路' } },
  { id: 'virtualization', name: 'Virtualization', names: { 'zh-TW': '虛擬化' } },
  { id: 'storage', name: 'Storage', names: { 'zh-TW': '儲存' } },
  { id: 'backup', name: 'Backup and recovery', names: { 'zh-TW': '備份與復原' } },
  { id: 'identity', name: 'Identity and access', names: { 'zh-TW': '身分與存取' } },
  { id: 'containers', name: 'Containers', names: { 'zh-TW': '容器' } },
  { id: 'messaging', name: 'Messaging', names: { 'zh-TW': '訊息傳遞' } },
  { id: 'general', name: 'General', names: { 'zh-TW': '一般' } },
] as const;

/** An area id of {@link importedAreas}. */
export type ImportedArea = (typeof importedAreas)[number]['id'];

// Checked in this order against the words of each folder, deepest folder first.
const AREA_WORDS: ReadonlyArray<[ImportedArea, ReadonlySet<string>]> = [
  ['containers', new Set(['kubernetes', 'aks', 'container', 'containers', 'docker', 'openshift'])],
  ['backup', new Set(['backup', 'backups', 'restore', 'recovery', 'dpm'])],
  ['storage', new Set(['storage', 'disk', 'disks', 'file', 'files', 'volume', 'volumes', 'blob', 'iscsi'])],
  ['identity', new Set(['identity', 'directory', 'authentication', 'authorization', 'auth', 'sign', 'signin', 'certificates', 'certificate', 'security', 'logon', 'password', 'mfa', 'policy', 'policies', 'iam'])],
  ['networking', new Set(['networking', 'network', 'networks', 'connect', 'connectivity', 'dns', 'vpn', 'dhcp', 'firewall', 'routing', 'proxy', 'load', 'balancer', 'tcp', 'ip'])],
  ['virtualization', new Set(['virtualization', 'virtual', 'machines', 'machine', 'vm', 'vms', 'vmm', 'hyper', 'hyperv', 'remote', 'desktop', 'cloud', 'compute'])],
  ['messaging', new Set(['exchange', 'mail', 'mailflow', 'email', 'ndr', 'smtp', 'calendars', 'calendar', 'mailbox', 'mailboxes', 'outlook', 'teams', 'im', 'presence', 'meetings', 'conferencing', 'phone', 'chat', 'messaging'])],
];

/** The area of an article from the words of its folders, deepest first; `general` when none matches. */
export function areaOf(path: string): ImportedArea {
  const folders = path.split('/').slice(0, -1).reverse();
  for (const folder of folders) {
    const folderWords = words(folder);
    for (const [area, keywords] of AREA_WORDS) if (folderWords.some((word) => keywords.has(word))) return area;
  }
  return 'general';
}

/** A kebab-case ASCII slug of a file name. @example slugOf("Troubleshoot-RDP_Issues.md") === "troubleshoot-rdp-issues" */
export function slugOf(fileName: string): string {
  const base = fileName.replace(/\.(?:md|markdown|mdx)$/i, '');
  return (
    base
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter(Boolean)
      .join('-') || 'article'
  );
}
