// Preview cards: hovering, focusing or tapping a link to a term shows its title and teaser.
// The cards' text is in the page (<template id="term-previews">); without this script the
// links are plain links. One card at a time, never inside another; Esc closes it.
(() => {
  const data = document.getElementById("term-previews");
  if (!data) return;
  const ui = JSON.parse(data.dataset.ui || "{}");  // the page's words (site language)
  const key = (href) => { const u = new URL(href, document.baseURI); return u.origin + u.pathname; };
  const terms = new Map();
  for (const item of data.content.querySelectorAll("[data-href]")) terms.set(key(item.dataset.href), item);
  const card = Object.assign(document.createElement("div"), {id: "term-preview", className: "preview-card", hidden: true});
  card.setAttribute("role", "tooltip");
  document.querySelector("main").append(card);  // inside the landmark it belongs to
  let owner = null, timer = 0, tapToOpen = false;

  const place = (link) => {
    const box = link.getBoundingClientRect(), gap = 8, width = card.offsetWidth, height = card.offsetHeight;
    const below = box.bottom + gap + height <= innerHeight || box.top < height + gap;
    const left = Math.min(Math.max(box.left, gap), innerWidth - width - gap);
    card.style.left = `${Math.max(left, gap)}px`;
    card.style.top = `${below ? box.bottom + gap : box.top - gap - height}px`;
  };
  const show = (link) => {
    clearTimeout(timer);
    if (owner === link) return;
    hide();
    const item = terms.get(key(link.href));
    card.replaceChildren(...item.cloneNode(true).childNodes);
    card.querySelector(".preview-teaser").id = "term-preview-teaser";
    const more = Object.assign(document.createElement("a"), {href: link.href.split("#")[0], className: "preview-more", tabIndex: -1});
    const about = (ui["preview.about"] ?? "").replace("{title}", () => item.querySelector(".preview-title").textContent);
    more.append(ui["preview.read_more"] ?? "", Object.assign(document.createElement("span"), {className: "visually-hidden", textContent: ` ${about}`}));
    card.append(more);
    card.hidden = false;
    place(link);
    owner = link;
    link.setAttribute("aria-describedby", "term-preview-teaser");  // read after the link's name
  };
  const hide = () => {
    clearTimeout(timer);
    if (!owner) return;
    owner.removeAttribute("aria-describedby");
    owner = null;
    card.hidden = true;
  };
  const later = () => { clearTimeout(timer); timer = setTimeout(hide, 250); };

  const links = [...document.querySelectorAll("main a[href]")].filter(
    (a) => !a.closest(".cards, .concept-map") && terms.has(key(a.href)) && key(a.href) !== key(location.href));
  for (const link of links) {
    link.addEventListener("mouseenter", () => { clearTimeout(timer); timer = setTimeout(() => show(link), 150); });
    link.addEventListener("mouseleave", later);
    link.addEventListener("focus", () => show(link));
    link.addEventListener("blur", (event) => { if (!card.contains(event.relatedTarget)) hide(); });
    // On a touch screen the first tap shows the card; a second tap (or "Read more") follows.
    link.addEventListener("pointerdown", (event) => { tapToOpen = event.pointerType === "touch" && owner !== link; });
    link.addEventListener("click", (event) => {
      if (tapToOpen) { tapToOpen = false; event.preventDefault(); show(link); }
    });
  }
  card.addEventListener("mouseenter", () => clearTimeout(timer));
  card.addEventListener("mouseleave", later);
  document.addEventListener("keydown", (event) => { if (event.key === "Escape") hide(); });
  document.addEventListener("pointerdown", (event) => {
    if (owner && !owner.contains(event.target) && !card.contains(event.target)) hide();
  });
  for (const change of ["resize", "scroll"]) addEventListener(change, () => { if (owner) place(owner); }, {passive: true});
})();
