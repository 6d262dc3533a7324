/* glossary-site preview cards for other sites: one <script> tag, no dependencies.
 *
 *   <script src="https://example.org/glossary/embed/glossary-cards.js" defer></script>
 *
 * Links on the page to terms of that glossary show a card (title, summary, "Read more")
 * on hover, on keyboard focus and on a first tap (touch screens). Esc closes it. The
 * terms come from the glossary's /api/terms.json, which must be served with CORS
 * (Access-Control-Allow-Origin) when the page is on another origin.
 * Options, as attributes of the script tag: data-glossary-root="URL" (where the
 * glossary is, default: the folder above this script), data-no-css (bring your own
 * styles for .gsc-card).
 */
(function () {
  "use strict";
  if (window.glossaryCardsLoaded) return;
  window.glossaryCardsLoaded = true;

  var script = document.currentScript ||
    document.querySelector('script[src*="glossary-cards.js"]');
  if (!script || !window.fetch || !window.URL) return;
  var root = new URL(script.getAttribute("data-glossary-root") || "../", script.src);
  var terms = null; // slug → term
  var card = null;
  var live = null;
  var current = null; // the link whose card is open
  var openTimer = 0;
  var closeTimer = 0;
  var lastPointer = "mouse";
  var pointerAt = 0; // when the last pointer went down: focus then comes from it
  var SLUG = /^([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:index\.html)?$/;

  function loadStyles() {
    if (script.hasAttribute("data-no-css")) return;
    var link = document.createElement("link");
    link.rel = "stylesheet";
    link.href = new URL("glossary-cards.css", script.src).href;
    document.head.appendChild(link);
  }

  function safeUrl(text) {
    try {
      var url = new URL(text, root);
      return url.protocol === "https:" || url.protocol === "http:" ? url.href : "";
    } catch (error) {
      return "";
    }
  }

  function index(data) {
    var list = Array.isArray(data) ? data : data && data.terms;
    if (!Array.isArray(list)) return;
    terms = {};
    list.forEach(function (term) {
      if (term && typeof term.slug === "string" && typeof term.title === "string") {
        terms[term.slug] = {
          title: term.title,
          summary: typeof term.summary === "string" ? term.summary : "",
          url: safeUrl(typeof term.url === "string" ? term.url : term.slug + "/")
        };
      }
    });
  }

  function termOf(link) {
    if (!terms || !link.href || (card && card.contains(link))) return null;
    var url;
    try {
      url = new URL(link.href, document.baseURI);
    } catch (error) {
      return null;
    }
    if (url.origin !== root.origin || url.pathname.indexOf(root.pathname) !== 0) return null;
    var match = SLUG.exec(url.pathname.slice(root.pathname.length));
    return match && Object.prototype.hasOwnProperty.call(terms, match[1]) ? terms[match[1]] : null;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function makeCard() {
    // Spans, as the card goes right after the link, often inside a paragraph: it then
    // sits in the page's landmarks and reading order, and Tab reaches "Read more".
    card = element("span", "gsc-card");
    card.id = "gsc-card";
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(closeTimer); });
    card.addEventListener("mouseleave", function () { closeSoon(); });
    live = element("span", "gsc-live");
    live.setAttribute("aria-live", "polite");
    (document.querySelector("main") || document.body).appendChild(live);
  }

  function place(link) {
    var rects = link.getClientRects();
    var box = rects.length ? rects[0] : link.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var height = window.innerHeight;
    card.style.width = Math.min(320, width - 16) + "px";
    var cardWidth = card.offsetWidth;
    var cardHeight = card.offsetHeight;
    var left = Math.min(Math.max(8, box.left), width - cardWidth - 8);
    var top = box.bottom + 8;
    if (top + cardHeight > height - 8 && box.top - 8 - cardHeight >= 8) {
      top = box.top - 8 - cardHeight;
    }
    top = Math.max(8, Math.min(top, height - cardHeight - 8));
    card.style.left = Math.max(8, left) + "px";
    card.style.top = top + "px";
  }

  function open(link, term, announce) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (!card) makeCard();
    if (current && current !== link) close(false);
    card.textContent = "";
    card.appendChild(element("span", "gsc-title", term.title));
    if (term.summary) card.appendChild(element("span", "gsc-summary", term.summary));
    var more = element("a", "gsc-more", "Read more");
    more.href = term.url;
    more.appendChild(element("span", "gsc-sr", " about " + term.title));
    card.appendChild(more);
    if (link.nextSibling !== card) link.parentNode.insertBefore(card, link.nextSibling);
    card.hidden = false;
    place(link);
    current = link;
    var described = (link.getAttribute("aria-describedby") || "").split(" ");
    if (described.indexOf(card.id) < 0) {
      link.setAttribute("aria-describedby", described.concat(card.id).join(" ").trim());
    }
    if (announce) live.textContent = term.title + ": " + term.summary;
  }

  function close(restoreFocus) {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    if (!card || card.hidden) return;
    var link = current;
    var focusInside = card.contains(document.activeElement);
    card.hidden = true;
    live.textContent = "";
    current = null;
    if (link) {
      var rest = (link.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== card.id;
      });
      if (rest.length) link.setAttribute("aria-describedby", rest.join(" "));
      else link.removeAttribute("aria-describedby");
      if (restoreFocus && focusInside) link.focus();
    }
  }

  function closeSoon() {
    clearTimeout(openTimer);
    clearTimeout(closeTimer);
    closeTimer = setTimeout(function () { close(false); }, 300);
  }

  function linkFrom(event) {
    var target = event.target;
    var link = target && target.closest ? target.closest("a[href]") : null;
    return link ? { link: link, term: termOf(link) } : null;
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    pointerAt = Date.now();
  }, true);

  document.addEventListener("mouseover", function (event) {
    var found = linkFrom(event);
    if (!found || !found.term || lastPointer !== "mouse") return;
    clearTimeout(closeTimer);
    if (current === found.link) return;
    clearTimeout(openTimer);
    openTimer = setTimeout(function () { open(found.link, found.term, false); }, 250);
  });

  document.addEventListener("mouseout", function (event) {
    var found = linkFrom(event);
    if (found && found.term && !(card && card.contains(event.relatedTarget))) closeSoon();
  });

  document.addEventListener("focusin", function (event) {
    var found = linkFrom(event);
    var byTouch = lastPointer !== "mouse" && Date.now() - pointerAt < 1000;
    if (found && found.term && !byTouch) open(found.link, found.term, false);
    else if (card && !card.contains(event.target)) close(false);
  });

  document.addEventListener("click", function (event) {
    var found = linkFrom(event);
    if (found && found.term && lastPointer !== "mouse" && current !== found.link) {
      event.preventDefault(); // first tap on a touch screen: show the card, not the page
      open(found.link, found.term, true);
    } else if (card && !card.hidden && !card.contains(event.target) && !found) {
      close(false);
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" || event.key === "Esc") close(true);
  });

  function reposition() {
    if (current && card && !card.hidden) place(current);
  }
  window.addEventListener("scroll", reposition, { passive: true });
  window.addEventListener("resize", reposition);

  loadStyles();
  fetch(new URL("api/terms.json", root).href, { credentials: "omit" })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(index)
    .catch(function () { terms = null; }); // the links keep working as plain links
})();
