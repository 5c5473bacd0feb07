// The book's sidebar and search (every page loads this after minisearch.js and search/index.js).
//
// - On a narrow screen the sidebar is folded away; the "Contents" button opens and closes it.
// - On a chapter page, the sidebar marks the section being read (the last `##` heading above the top quarter of the
//   window) while the reader scrolls.
// - MathJax typesets the formulas after the page has loaded, which moves everything below them: a page opened at a
//   section (a search hit, a sidebar link from another page) scrolls to that section again once MathJax is done.
// - The search box searches every section of every chapter with MiniSearch, over window.bookSearchDocuments
//   (search/index.js, written by tools/book.py); each hit names the chapter and section, shows a snippet, and links
//   to the section.
(function () {
  'use strict';

  var MAX_HITS = 20;
  var SNIPPET_BEFORE = 60;
  var SNIPPET_LENGTH = 180;

  // --- the sidebar on a narrow screen -----------------------------------------------------------------------------
  var toggle = document.querySelector('.book-sidebar-toggle');
  var sidebar = document.getElementById('book-sidebar');

  function setOpen(open) {
    document.body.classList.toggle('book-sidebar-open', open);
    if (toggle) toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  }
  if (toggle) {
    toggle.addEventListener('click', function () {
      setOpen(!document.body.classList.contains('book-sidebar-open'));
    });
  }
  if (sidebar) {
    // Following a link from the open sidebar closes it (on a wide screen it is never "open": nothing changes).
    sidebar.addEventListener('click', function (event) {
      if (event.target.closest('a')) setOpen(false);
    });
  }

  // --- the section being read -------------------------------------------------------------------------------------
  // The element a fragment names, found as the browser finds it: the id as written (nbconvert's ids may hold "%22"),
  // else percent-decoded.
  function elementOf(fragment) {
    return document.getElementById(fragment) || document.getElementById(decodeURIComponent(fragment));
  }

  function targetOf(link) {
    return elementOf(link.hash.slice(1));
  }

  var sectionLinks = Array.prototype.slice.call(document.querySelectorAll('.book-toc-sections a'));
  var sectionHeadings = sectionLinks.map(targetOf);

  function markCurrentSection() {
    var line = window.innerHeight / 4;
    var current = -1;
    for (var i = 0; i < sectionHeadings.length; i++) {
      if (sectionHeadings[i] && sectionHeadings[i].getBoundingClientRect().top <= line) current = i;
    }
    sectionLinks.forEach(function (link, i) {
      var active = i === current;
      link.classList.toggle('book-toc-active', active);
      if (active) link.setAttribute('aria-current', 'location');
      else link.removeAttribute('aria-current');
    });
  }
  if (sectionLinks.length) {
    var pending = false;
    window.addEventListener('scroll', function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; markCurrentSection(); });
    }, { passive: true });
    window.addEventListener('resize', markCurrentSection);
    markCurrentSection();
  }

  // --- back to the section once MathJax has moved it ---------------------------------------------------------------
  function scrollToFragment() {
    if (!window.location.hash) return;
    var target = elementOf(window.location.hash.slice(1));
    if (target) target.scrollIntoView();
    markCurrentSection();
  }
  if (window.MathJax && window.MathJax.startup && window.MathJax.startup.promise) {
    window.MathJax.startup.promise.then(function () {
      scrollToFragment();
      document.body.setAttribute('data-book-typeset', 'true');
    });
  }

  // --- search -----------------------------------------------------------------------------------------------------
  var input = document.getElementById('book-search-input');
  var results = document.getElementById('book-search-results');
  var documents = window.bookSearchDocuments || [];
  var engine = null;

  function searchEngine() {
    if (!engine) {
      engine = new window.MiniSearch({
        fields: ['title', 'text', 'code'],
        storeFields: [],
        searchOptions: { boost: { title: 4, text: 1, code: 0.5 }, prefix: true, fuzzy: 0.2, combineWith: 'AND' }
      });
      engine.addAll(documents);
    }
    return engine;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }

  // Appends `text` to `parent`, each occurrence of a matched term inside <mark>.
  function appendMarked(parent, text, pattern) {
    var last = 0;
    text.replace(pattern, function (match, offset) {
      parent.appendChild(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement('mark');
      mark.textContent = match;
      parent.appendChild(mark);
      last = offset + match.length;
      return match;
    });
    parent.appendChild(document.createTextNode(text.slice(last)));
  }

  // The part of the section's text (or else its code) around the first matched term.
  function snippet(doc, pattern) {
    var sources = [doc.text, doc.code];
    for (var i = 0; i < sources.length; i++) {
      var text = sources[i].replace(/\s+/g, ' ');
      pattern.lastIndex = 0;
      var found = pattern.exec(text);
      if (found) {
        var start = Math.max(0, found.index - SNIPPET_BEFORE);
        var piece = text.slice(start, start + SNIPPET_LENGTH);
        return (start > 0 ? '… ' : '') + piece + (start + SNIPPET_LENGTH < text.length ? ' …' : '');
      }
    }
    return doc.text.slice(0, SNIPPET_LENGTH) + (doc.text.length > SNIPPET_LENGTH ? ' …' : '');
  }

  function showResults(query) {
    while (results.firstChild) results.removeChild(results.firstChild);
    if (!query) {
      results.hidden = true;
      document.body.classList.remove('book-searching');
      return;
    }
    var hits = searchEngine().search(query).slice(0, MAX_HITS);
    var terms = [];
    hits.forEach(function (hit) { terms = terms.concat(hit.terms); });
    var pattern = terms.length
      ? new RegExp(terms.map(escapeRegExp).sort(function (a, b) { return b.length - a.length; }).join('|'), 'gi')
      : null;
    if (!hits.length) {
      var none = document.createElement('li');
      none.className = 'book-search-none';
      none.textContent = 'No section mentions "' + query + '".';
      results.appendChild(none);
    }
    hits.forEach(function (hit) {
      var doc = documents[hit.id];
      var item = document.createElement('li');
      var link = document.createElement('a');
      link.href = doc.page + '#' + encodeURIComponent(doc.anchor);
      var chapter = document.createElement('span');
      chapter.className = 'book-search-chapter';
      chapter.textContent = doc.chapter;
      var section = document.createElement('span');
      section.className = 'book-search-section';
      appendMarked(section, doc.title, pattern);
      var text = document.createElement('span');
      text.className = 'book-search-snippet';
      appendMarked(text, snippet(doc, pattern), pattern);
      link.appendChild(chapter);
      link.appendChild(section);
      link.appendChild(text);
      item.appendChild(link);
      results.appendChild(item);
    });
    results.hidden = false;
    document.body.classList.add('book-searching');
  }

  if (input && results && window.MiniSearch) {
    input.addEventListener('input', function () { showResults(input.value.trim()); });
    input.addEventListener('keydown', function (event) {
      var first = results.querySelector('a');
      if (event.key === 'Enter' && first) {
        event.preventDefault();
        first.click();
      } else if (event.key === 'ArrowDown' && first) {
        event.preventDefault();
        first.focus();
      } else if (event.key === 'Escape') {
        input.value = '';
        showResults('');
      }
    });
    results.addEventListener('keydown', function (event) {
      var item = event.target.closest('li');
      if (!item) return;
      var next = event.key === 'ArrowDown' ? item.nextElementSibling
        : event.key === 'ArrowUp' ? item.previousElementSibling : null;
      if (event.key === 'ArrowUp' && !next) {
        event.preventDefault();
        input.focus();
      } else if (next && next.querySelector('a')) {
        event.preventDefault();
        next.querySelector('a').focus();
      }
    });
  }
})();
