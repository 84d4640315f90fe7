// Uploads FILE to a queued image through tus-js-client: node upload.js ENDPOINT FILE CHUNK
const tus = require('tus-js-client');
const fs = require('fs');
const [endpoint, file, chunk] = process.argv.slice(2);
const data = fs.readFileSync(file);
const upload = new tus.Upload(data, {
  endpoint: endpoint,
  chunkSize: parseInt(chunk, 10),
  retryDelays: [0, 500, 1000],
  metadata: { filename: 'disk.img', filetype: 'application/octet-stream' },
  onError: (error) => { console.error('FAILED ' + error); process.exit(1); },
  onSuccess: () => { console.log('DONE ' + upload.url); },
});
upload.start();
