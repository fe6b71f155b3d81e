// Imported first by app/server.js: the portal runs on a supported Node.js only (24 LTS).
// Node 20 is past its end of life, and the dependencies now need 22 or later.
const required = 24;
const major = Number(process.versions.node.split(".")[0]);
if (major < required) {
  console.error(`The portal needs Node.js ${required} or later (this is ${process.version}); run scripts/node24.sh for a local copy.`);
  process.exit(1);
}
