// Preloaded into the build's Node children (NODE_OPTIONS=--import): a child whose build process died without
// stopping it (SIGKILL) is re-parented, and then ends at once instead of finishing a build nobody will publish.
export {};

const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, 'SIGKILL');
}, 200).unref();
