// Prepares the load benchmark's data on a running server: an organizer with a drawn draw of four,
// one participant with a password and cached gift ideas. Prints JSON with the draw id and both
// session cookies. Usage: node bench/load-setup.mjs http://127.0.0.1:PORT
const base = process.argv[2];
const password = "correct horse battery";

async function call(path, { cookie, form, json } = {}) {
  const headers = {};
  if (cookie) headers.cookie = cookie;
  let body;
  if (form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(form).toString();
  } else if (json) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(json);
  }
  const res = await fetch(base + path, { method: "POST", headers, body, redirect: "manual" });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  const session = res.headers.getSetCookie().find((c) => c.startsWith("santa_session="));
  return { res, cookie: session ? session.split(";")[0] : cookie };
}

const org = await call("/api/register", { form: { first_name: "Olga", surname: "Organizer", email: "org@example.org", password, confirm: password } });
const people = ["Ada", "Charles", "Mary", "Grace"].map((name, i) => ({
  name,
  surname: "Load",
  email: `load${i}@example.org`,
  gift_preferences: "Jazz records, green tea, hiking maps and board games",
}));
const saved = await call("/api/save_draw", {
  cookie: org.cookie,
  json: {
    id: null,
    draw: { name: "Load test", budget: "30", currency: "EUR", exchange_date: "2036-12-20", message: "Be kind", participants: people, exclusions: [] },
  },
});
const draw = await saved.res.json();
const run = await call("/api/run_draw", { cookie: org.cookie, form: { id: draw } });
const links = await run.res.json();
const token = links[0].url.split("/").pop();
const participant = await call("/api/accept_invitation", { form: { token, password, confirm: password } });
await call("/api/gift_ideas", { cookie: participant.cookie, form: { id: draw, refresh: "false" } });
console.log(JSON.stringify({ draw, organizer: org.cookie, participant: participant.cookie }));
