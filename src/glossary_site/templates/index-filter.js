(() => {
  const entries = [...document.querySelectorAll(".index-entry")];
  const links = [...document.querySelectorAll(".tag-filter [data-tag]")];
  const status = document.querySelector(".filter-status");
  const ui = JSON.parse(document.querySelector(".tag-filter").dataset.ui);
  const plural = (() => { try { return new Intl.PluralRules(document.documentElement.lang); } catch { return new Intl.PluralRules("en"); } })();
  const names = Object.fromEntries(links.map((a) => [a.dataset.tag, a.textContent]));
  const apply = (tag) => {
    if (!(tag in names)) tag = "";
    let shown = 0;
    for (const entry of entries) {
      const hit = !tag || (entry.dataset.tags || "").split(" ").includes(tag);
      entry.hidden = !hit;
      shown += hit;
    }
    for (const group of document.querySelectorAll(".letter-group")) {
      const empty = !group.querySelector(".index-entry:not([hidden])");
      group.hidden = empty;
      const bar = document.querySelector(`.letters a[href="#${group.querySelector("h2").id}"]`);
      if (bar) bar.parentElement.hidden = empty;
    }
    for (const a of links) a.setAttribute("aria-current", String(a.dataset.tag === tag));
    const forms = ui["index.filter_status"], values = {shown, count: entries.length, tag: names[tag]};
    const said = (forms[plural.select(entries.length)] ?? forms.other).replace(/\{(\w+)\}/g, (whole, name) => values[name] ?? whole);
    status.textContent = tag ? `${said} ` : "";
    if (tag) status.append(Object.assign(document.createElement("a"), {href: location.pathname, textContent: ui["index.show_all"]}));
  };
  const fromUrl = () => new URLSearchParams(location.search).get("tag") || "";
  document.addEventListener("click", (event) => {
    const link = event.target.closest(".tag-filter [data-tag], .filter-status a");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    const tag = link.dataset.tag === fromUrl() ? "" : link.dataset.tag || "";
    const url = new URL(location.href);
    if (tag) url.searchParams.set("tag", tag); else url.searchParams.delete("tag");
    history.pushState(null, "", url);
    apply(tag);
  });
  addEventListener("popstate", () => apply(fromUrl()));
  apply(fromUrl());
})();
