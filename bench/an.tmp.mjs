import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
const P='/work/main/packages/';
const alias=Object.fromEntries(['core','errors','transport-http','transport-binding'].map(n=>[`@aigw/${n}`,`${P}${n}/src/index.ts`]));
const r=await build({stdin:{contents:`export { createAiGateway } from '${P}ai-gateway-provider/src/index.ts';`,resolveDir:'/work/main/bench',loader:'js'},alias,define:{__PACKAGE_VERSION__:'"0.0.0"'},bundle:true,minify:true,format:'esm',platform:'neutral',target:'es2022',external:['ai','@ai-sdk/*','@opentelemetry/api'],write:false,metafile:true,splitting:process.argv[2]==='split',outdir:'/tmp/out',logLevel:'silent'});
for (const f of r.outputFiles) console.log(f.path, f.contents.byteLength, gzipSync(f.contents,{level:9}).byteLength);
const ins=Object.values(r.metafile.outputs).flatMap(o=>Object.entries(o.inputs)).map(([p,{bytesInOutput}])=>[p.slice(p.indexOf('packages/')+9),bytesInOutput]).sort((a,b)=>b[1]-a[1]);
let tot={};for(const [p,b] of ins){const k=p.split('/')[0];tot[k]=(tot[k]||0)+b}
console.log(tot);
for(const [p,b] of ins.slice(0,60)) console.log(b,p);
