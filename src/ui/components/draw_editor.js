// The draw editor's script (see draw_editor.rs): rows, counters, a pasted list, the rules in
// words, and saving with fetch. The rules are checked by the server (check_draw), live once the
// organizer has first tried to save.
const form = document.getElementById("draw-editor");
const t = JSON.parse(form.dataset.texts);
const byId = (id) => document.getElementById(id);
const fill = (text, values) => text.replace(/\{(\w+)\}/g, (_, k) => values[k]);
const peopleBox = byId("people");
const rulesBox = byId("rules");
const addMe = byId("add-me");
const submit = form.querySelector("button[type=submit]");
let submitted = false;

const rows = () => [...peopleBox.querySelectorAll("[data-person]")];
const rules = () => [...rulesBox.querySelectorAll("[data-rule]")];
const value = (row, f) => byId(`p-${row.dataset.person}-${f}`).value;
const nextKey = (list, attr) => Math.max(-1, ...list.map((el) => Number(el.dataset[attr]))) + 1;
// Text is written only when it changes: a live region that is rewritten is read out again.
const say = (el, text) => {
  if (el.textContent !== text) el.textContent = text;
};
// What an action did, said to screen readers (cleared first, so the same words are said again).
const said = byId("editor-said");
const announce = (text) => {
  said.textContent = "";
  setTimeout(() => (said.textContent = text), 50);
};

function labelOf(row, i) {
  const [name, surname] = [value(row, "name").trim(), value(row, "surname").trim()];
  if (!name) return fill(t.person, { n: i + 1 });
  return surname ? `${name} ${surname}` : name;
}

// Numbers, the count, the rules' menus and words, "I'm taking part too": whatever follows from
// the rows as they are now.
function refresh() {
  const people = rows();
  const labels = people.map((row, i) => [row.dataset.person, labelOf(row, i)]);
  people.forEach((row, i) => {
    say(row.querySelector("legend"), fill(t.person, { n: i + 1 }));
    say(row.querySelector("[data-remove-person]"), fill(t.remove, { n: i + 1 }));
  });
  say(byId("people-count"), fill(t.count, { n: people.length }));
  const choices = JSON.stringify(labels);
  for (const rule of rules()) {
    // A menu is rebuilt only when the people in it changed (not under a keyboard moving in it).
    for (const select of rule.querySelectorAll("select")) {
      if (select.dataset.choices === choices) continue;
      select.dataset.choices = choices;
      const chosen = select.value;
      const options = labels.map(([key, label]) => new Option(label, key, false, key === chosen));
      select.replaceChildren(select.options[0], ...options);
      if (!labels.some(([key]) => key === chosen)) select.value = "";
    }
    const [giver, recipient] = [...rule.querySelectorAll("select")].map((s) => s.value);
    const name = (key) => labels.find(([k]) => k === key)?.[1];
    const both = rule.querySelector("input[type=checkbox]").checked;
    say(rule.querySelector(".rule__words"),
      giver && giver === recipient ? t.different
      : giver && recipient ? fill(both ? t.bothWays : t.oneWay, { g: name(giver), r: name(recipient) })
      : t.choose);
  }
  if (addMe) {
    const mine = addMe.dataset.email.toLowerCase();
    addMe.hidden = people.some((row) => value(row, "email").trim().toLowerCase() === mine);
  }
}

// The draw as the server reads it, and for each of its exclusions the rule row it came from.
function current() {
  const people = rows();
  const place = (key) => {
    const i = people.findIndex((row) => row.dataset.person === key);
    // Not chosen: a place no person has, which the server names at the rule.
    return i < 0 ? 4294967295 : i;
  };
  const exclusions = [];
  const ruleOf = [];
  for (const rule of rules()) {
    const [giver, recipient] = [...rule.querySelectorAll("select")].map((s) => place(s.value));
    exclusions.push({ giver, recipient });
    ruleOf.push(rule);
    if (rule.querySelector("input[type=checkbox]").checked) {
      exclusions.push({ giver: recipient, recipient: giver });
      ruleOf.push(rule);
    }
  }
  const draw = {
    name: byId("draw-name").value,
    budget: byId("draw-budget").value,
    currency: byId("draw-currency").value,
    language: byId("draw-language").value,
    exchange_date: byId("draw-date").value,
    message: byId("draw-message").value,
    participants: people.map((row) => ({
      name: value(row, "name"),
      surname: value(row, "surname"),
      email: value(row, "email"),
      gift_preferences: value(row, "prefs"),
    })),
    exclusions,
  };
  return { draw, ruleOf };
}

const detailIds = { name: "draw-name", budget: "draw-budget", currency: "draw-currency", exchange_date: "draw-date", message: "draw-message", language: "draw-language" };
const personIds = { name: "name", surname: "surname", email: "email", gift_preferences: "prefs" };

// Puts each error at its field (and nothing where there is none); the message above the form
// says where to look, or what the server said about the whole draw. Only what changed is
// rewritten.
function show(errors, ruleOf) {
  const people = rows();
  const invalid = new Map(); // field → the message under it (the first one)
  const blocks = { participants: "", exclusions: "" };
  let whole = null;
  const mark = (field, message) => {
    const under = byId(field.getAttribute("aria-describedby").split(" ").pop());
    if (!invalid.has(under)) invalid.set(under, message);
    invalid.set(field, true);
  };
  for (const { field, message } of errors) {
    const [head, index, part] = field.split(".");
    if (detailIds[field]) mark(byId(detailIds[field]), message);
    else if (field in blocks) blocks[field] ||= message;
    else if (head === "participants" && people[index] && personIds[part]) {
      mark(byId(`p-${people[index].dataset.person}-${personIds[part]}`), message);
    } else if (head === "exclusions" && ruleOf[index]) {
      for (const select of ruleOf[index].querySelectorAll("select")) mark(select, message);
    } else whole ??= message;
  }
  for (const field of form.querySelectorAll("input, select, textarea")) {
    const bad = invalid.get(field) === true;
    if (bad) field.setAttribute("aria-invalid", "true");
    else field.removeAttribute("aria-invalid");
    field.closest(".field")?.classList.toggle("field--invalid", bad);
  }
  for (const under of form.querySelectorAll(".field__error:not(.field__error--block)")) {
    if (under.id !== "paste-unreadable") say(under, invalid.get(under) ?? "");
  }
  for (const [field, message] of Object.entries(blocks)) say(byId(`${field}-error`), message);
  const box = byId("draw-form-message");
  const onlyRules = errors.length > 0 && errors.every((e) => e.field.startsWith("exclusions"));
  const onlyPeople = errors.length > 0 && errors.every((e) => e.field === "participants");
  say(box, whole ?? (onlyRules ? t.rulesBelow : onlyPeople ? t.peopleBelow : errors.length ? t.fix : ""));
  box.hidden = !box.textContent;
}

// Focus goes to the first field to fix; when the mistake is about the people or the rules as a
// whole, to what says so (it can take focus), or else to the message above the form.
function focusFirstError() {
  const first = [...form.querySelectorAll("[aria-invalid='true'], .field__error--block")].find(
    (el) => el.tagName !== "P" || el.textContent.trim(),
  ) ?? byId("draw-form-message");
  first.focus();
  first.scrollIntoView({ block: "center" });
}

async function post(endpoint, body) {
  let res;
  try {
    res = await fetch(`/api/${endpoint}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  } catch {
    return { failed: t.network };
  }
  const answer = await res.json().catch(() => null);
  if (res.ok) return { answer };
  if (answer && answer.Validation) return { errors: answer.Validation };
  return { failed: t.status[res.status] ?? t.failed };
}

function sayFailed(message) {
  const box = byId("draw-form-message");
  box.textContent = message;
  box.hidden = false;
  box.focus();
}

// Live check, once the organizer has tried to save: after a pause in typing, one at a time (a
// change made while one is on its way is checked when it is back), and the latest answer wins.
let asked = 0;
let timer;
let checking = false;
let again = false;
function checkSoon() {
  if (!submitted) return;
  clearTimeout(timer);
  timer = setTimeout(check, 300);
}
async function check() {
  if (checking) {
    again = true;
    return;
  }
  checking = true;
  const mine = ++asked;
  const { draw, ruleOf } = current();
  const { answer, errors } = await post("check_draw", { draw, id: form.dataset.id || null, version: form.dataset.version || null });
  if (mine === asked && (answer || errors)) show(answer ?? errors, ruleOf);
  checking = false;
  if (again) {
    again = false;
    check();
  }
}

function counter(box) {
  const shown = byId(box.dataset.counter);
  // As the server counts: trimmed, an emoji one character.
  const n = [...box.value.trim()].length;
  const max = Number(box.dataset.max ?? t.max);
  const over = n > max;
  say(shown, `${n} / ${max}`);
  shown.classList.toggle("counter--over", over);
  // Too long is said at the field as soon as it is (not only after a check), and unsaid as soon
  // as it is not; other mistakes at the field wait for the next check as before.
  if (!over && !("over" in box.dataset)) return;
  const under = byId(box.getAttribute("aria-describedby").split(" ").pop());
  if (over) {
    box.dataset.over = "";
    say(under, fill(box.dataset.tooLong ?? t.tooLong, { n }));
    box.setAttribute("aria-invalid", "true");
  } else {
    delete box.dataset.over;
    say(under, "");
    box.removeAttribute("aria-invalid");
  }
  box.closest(".field")?.classList.toggle("field--invalid", over);
}

const blank = (row) => Object.values(personIds).every((f) => !value(row, f).trim());

function addPerson(p = {}) {
  const key = nextKey(rows(), "person");
  peopleBox.insertAdjacentHTML("beforeend", byId("person-template").innerHTML.replaceAll("__KEY__", key));
  for (const [f, v] of Object.entries(p)) byId(`p-${key}-${f}`).value = v;
  counter(byId(`p-${key}-prefs`));
  return key;
}

form.addEventListener("input", (e) => {
  if (e.target.dataset.counter) counter(e.target);
  if (e.target.id !== "paste-list") {
    refresh();
    checkSoon();
  }
});
form.addEventListener("change", () => {
  refresh();
  checkSoon();
});

form.addEventListener("click", (e) => {
  const button = e.target.closest("button[type=button]");
  if (!button) return;
  if (button.id === "add-person") {
    byId(`p-${addPerson()}-name`).focus();
  } else if (button.id === "add-me") {
    const { name, surname, email } = button.dataset;
    // Into the first empty row, as a pasted list goes, or a new one.
    const empty = rows().find(blank);
    const key = empty ? empty.dataset.person : addPerson();
    for (const [f, v] of Object.entries({ name, surname, email })) byId(`p-${key}-${f}`).value = v;
    // The button goes with the click: focus moves to the one field left to fill.
    byId(`p-${key}-prefs`).focus();
  } else if (button.id === "add-rule") {
    const key = nextKey(rules(), "rule");
    rulesBox.insertAdjacentHTML("beforeend", byId("rule-template").innerHTML.replaceAll("__KEY__", key));
    refresh();
    byId(`rule-${key}-giver`).focus();
  } else if (button.id === "add-pasted") {
    addPasted();
  } else if (button.dataset.removePerson !== undefined) {
    const row = button.closest("[data-person]");
    const next = row.nextElementSibling;
    const key = row.dataset.person;
    const who = labelOf(row, rows().indexOf(row));
    row.remove();
    let gone = 0;
    for (const rule of rules()) {
      if ([...rule.querySelectorAll("select")].some((s) => s.value === key)) {
        rule.remove();
        gone++;
      }
    }
    announce(fill(gone ? t.removedWithRules : t.removed, { who }));
    (next ? byId(`p-${next.dataset.person}-name`) : byId("add-person")).focus();
  } else if (button.dataset.removeRule !== undefined) {
    button.closest("[data-rule]").remove();
    byId("add-rule").focus();
  } else return;
  refresh();
  checkSoon();
});

// "Ada Lovelace <ada@example.org>", one a line or several separated by ";" (as a mail program
// copies them): the word with an @ is the address, the first other word the first name, the rest
// the surname — or, written "Lovelace, Ada", the other way round. Pasted people fill the empty
// rows first.
// "n people added." in the page's language, for any n.
function added(n) {
  const rules = new Intl.PluralRules(document.documentElement.lang);
  const forms = {};
  for (const [sample, text] of t.added) forms[rules.select(sample)] ??= text;
  return fill(forms[rules.select(n)] ?? t.added[t.added.length - 1][1], { n });
}

function addPasted() {
  const box = byId("paste-list");
  const unreadable = [];
  const found = [];
  // Entries end with their address: a line holding several is cut after each one.
  const entries = box.value.split(/\r?\n/).flatMap((line) => {
    const ends = [...line.matchAll(/@[^\s,;<>]+>?/g)].map((m) => m.index + m[0].length);
    const cuts = [0, ...ends, line.length];
    return cuts.slice(1).map((end, i) => line.slice(cuts[i], end).replace(/^[\s,;]+/, ""));
  });
  for (const entry of entries.map((l) => l.trim()).filter(Boolean)) {
    const words = entry.replace(/[<>,;"]/g, " ").split(/\s+/).filter(Boolean);
    const at = words.findIndex((w) => w.includes("@"));
    // "Lovelace, Ada <…>" or "van Rossum, Guido <…>": surname first, when a name follows the comma.
    const comma = entry.indexOf(",");
    const after = comma < 0 ? [] : entry.slice(comma + 1).replace(/[<>;"]/g, " ").split(/\s+/).filter((w) => w && !w.includes("@"));
    if (at >= 0 && comma >= 0 && comma < entry.indexOf("@") && after.length) {
      found.push({ name: after.join(" "), surname: entry.slice(0, comma).replace(/"/g, "").trim(), email: words[at] });
      continue;
    }
    const names = words.filter((_, i) => i !== at);
    if (at < 0 || names.length < 2) unreadable.push(entry);
    else found.push({ name: names[0], surname: names.slice(1).join(" "), email: words[at] });
  }
  const empty = rows().filter(blank);
  for (const p of found) {
    const row = empty.shift();
    if (!row) {
      addPerson(p);
      continue;
    }
    for (const [f, v] of Object.entries(p)) byId(`p-${row.dataset.person}-${f}`).value = v;
  }
  // Lines that could not be read stay in the box, to be fixed rather than typed again.
  box.value = unreadable.join("\n");
  const unread = byId("paste-unreadable");
  unread.textContent = unreadable.length ? fill(t.unreadable, { lines: unreadable.join("; ") }) : "";
  unread.hidden = !unreadable.length;
  if (found.length) announce(added(found.length));
}

form.addEventListener("submit", async (e) => {
  e.preventDefault();
  if (submit.disabled) return;
  submitted = true;
  clearTimeout(timer);
  const mine = ++asked;
  const { draw, ruleOf } = current();
  submit.disabled = true;
  submit.textContent = t.saving;
  // Nothing can be typed while the save is on its way (it would not be in what is saved), and no
  // live check runs beside it.
  form.setAttribute("aria-busy", "true");
  form.inert = true;
  const id = form.dataset.id || null;
  const version = form.dataset.version || null;
  // Checked first, so a draw with mistakes is answered with them rather than refused (a refusal
  // is an error in the browser's console).
  let { answer: mistakes, errors, failed } = await post("check_draw", { draw, id, version });
  let answer;
  if (mistakes && mistakes.length === 0) ({ answer, errors, failed } = await post("save_draw", { id, draw, version }));
  else errors ??= mistakes;
  if (answer) {
    location.href = `/draws/${answer}?${t.saved}=1`;
    return;
  }
  form.inert = false;
  form.removeAttribute("aria-busy");
  submit.disabled = false;
  submit.textContent = t.save;
  if (failed) return sayFailed(failed);
  if (mine === asked) show(errors, ruleOf);
  focusFirstError();
});

for (const box of form.querySelectorAll("textarea[data-counter]")) counter(box);
refresh();
form.inert = false;
