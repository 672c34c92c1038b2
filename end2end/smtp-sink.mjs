// A local SMTP sink for the end-to-end tests: accepts every message and writes it, raw, to
// <dir>/<n>.eml. Usage: node end2end/smtp-sink.mjs <port> <dir>
import { mkdirSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const [port, dir] = process.argv.slice(2);
mkdirSync(dir, { recursive: true });
let count = 0;

net
  .createServer((socket) => {
    let buffer = "";
    let data = null;
    socket.write("220 sink ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      let end;
      while ((end = buffer.indexOf("\r\n")) >= 0) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (data !== null) {
          if (line === ".") {
            count += 1;
            writeFileSync(path.join(dir, `${Date.now()}-${count}.eml`), data);
            data = null;
            socket.write("250 queued\r\n");
          } else {
            data += (line.startsWith(".") ? line.slice(1) : line) + "\n";
          }
          continue;
        }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO") socket.write("250-sink\r\n250 8BITMIME\r\n");
        else if (verb === "DATA") {
          data = "";
          socket.write("354 end with .\r\n");
        } else if (verb === "QUIT") {
          socket.end("221 bye\r\n");
        } else socket.write("250 OK\r\n");
      }
    });
    socket.on("error", () => {});
  })
  .listen(Number(port), "127.0.0.1");
