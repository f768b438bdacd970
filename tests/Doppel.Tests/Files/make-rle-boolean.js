// Writes a Parquet file whose boolean column uses the RLE encoding (arrow-rs via parquet-wasm, data page v2).
const arrow = require('apache-arrow');
const pq = require('parquet-wasm');
const fs = require('fs');
const n = 20;
const flag = [], id = [];
for (let i = 0; i < n; i++) { flag.push(i % 3 === 0 ? null : i % 2 === 0); id.push(i + 1); }
const table = arrow.tableFromArrays({ id: Int32Array.from(id), flag: flag });
const wasmTable = pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
const props = new pq.WriterPropertiesBuilder()
  .setWriterVersion(pq.WriterVersion.V2)
  .setDictionaryEnabled(false)
  .setColumnEncoding('flag', pq.Encoding.RLE)
  .setCompression(pq.Compression.UNCOMPRESSED)
  .build();
fs.writeFileSync(process.argv[2], pq.writeParquet(wasmTable, props));
console.log(JSON.stringify(flag));
