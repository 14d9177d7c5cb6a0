// Keeps a supervision screen live. The page is exact when rendered (and stays so without
// JavaScript); this script listens to the stream named by #live[data-live-stream] (see
// Features/Supervision/LiveStream.cs), which pushes the live part again ("live" events) on every
// (re)connection and after changes, from a snapshot read after them: the snapshot is the truth, so
// nothing is lost or counted twice, and the screen asks for nothing while connected. While the
// stream is down it reads data-live-fragment at the reconnection's pace, which also tells a
// screen whose session ended. Built to run for days on a wall screen: no growing lists, one timer
// of each kind, the stream reopened by hand after silence or failure.
(function () {
  'use strict';
  var live = document.getElementById('live');
  var stream = live && live.getAttribute('data-live-stream');
  var fragment = live && live.getAttribute('data-live-fragment');
  if (!stream || !fragment || !window.EventSource || !window.fetch || !window.DOMParser) {
    return;
  }
  var status = document.getElementById('live-status');
  var SILENCE = 40000, DEBOUNCE = 300, MAX_WAIT = 30000, READ_TIMEOUT = 20000;
  var texts = {
    connected: text('connected', 'En direct'),
    lost: text('lost', 'Connexion perdue — reconnexion…'),
    expired: text('expired', 'Session expirée : rechargez la page.')
  };
  var source = null, silence = 0, reopen = 0, pending = 0, failures = 0;
  var loading = false, again = false, stopped = false;

  // The page may give the words in its language: data-live-text-connected, -lost, -expired.
  function text(name, french) {
    var attribute = 'data-live-text-' + name;
    return (status && status.getAttribute(attribute)) || live.getAttribute(attribute) || french;
  }

  function show(state) {
    if (status && status.getAttribute('data-live-state') !== state) {
      status.textContent = texts[state]; // changed only when it changes: a screen reader hears it once
      status.setAttribute('data-live-state', state);
    }
  }

  function seq(element) {
    return parseInt(element.getAttribute('data-seq'), 10) || 0;
  }

  function connect() {
    reopen = 0;
    source = new EventSource(stream);
    source.onopen = function () {
      failures = 0;
      show('connected');
      heard(); // the live part follows the hello: what happened while not connected
    };
    source.onerror = lost;
    // Changes (and a server's resync) are followed by their live part; they only prove the stream alive.
    ['hello', 'ping', 'change', 'resync'].forEach(function (type) {
      source.addEventListener(type, heard);
    });
    source.addEventListener('live', function (event) {
      heard();
      swap(event.data);
    });
    // The server ended the stream on purpose (its time is up, a node stops): open another at once.
    source.addEventListener('bye', function () { close(); connect(); });
  }

  function close() {
    if (source) {
      source.onopen = source.onerror = null;
      source.close();
      source = null;
    }
    clearTimeout(silence);
    clearTimeout(reopen);
  }

  // Any message, heartbeats included, proves the connection alive for another 40 s.
  function heard() {
    clearTimeout(silence);
    silence = setTimeout(lost, SILENCE);
  }

  // The stream failed or went quiet: reopen it ourselves, waiting longer each time (up to 30 s, with
  // jitter so that screens do not all come back at once). Meanwhile the snapshot is read at that
  // pace too, which also tells a screen whose session ended.
  function lost() {
    close();
    if (stopped) {
      return;
    }
    show('lost');
    var wait = Math.min(MAX_WAIT, 1000 * Math.pow(2, failures));
    failures = Math.min(failures + 1, 5);
    reopen = setTimeout(connect, wait / 2 + Math.random() * wait / 2);
    refresh();
  }

  // At most one read in flight and one waiting.
  function refresh() {
    if (stopped) {
      return;
    }
    if (loading) {
      again = true;
    } else if (!pending) {
      pending = setTimeout(load, DEBOUNCE);
    }
  }

  function load() {
    pending = 0;
    loading = true;
    // A read that hangs would hold every later one back: give up on it after 20 s.
    var abort = window.AbortController ? new AbortController() : null;
    var timeout = abort ? setTimeout(function () { abort.abort(); }, READ_TIMEOUT) : 0;
    fetch(fragment, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'text/html' }, signal: abort ? abort.signal : undefined })
      .then(function (response) {
        // Signed out: the sign-in page answers (a redirect), or a refusal.
        if (response.redirected || response.status === 401 || response.status === 403 || response.status === 404) {
          expire();
          return null;
        }
        return response.ok ? response.text() : null;
      })
      .then(function (html) {
        if (html && !stopped) {
          swap(html);
        }
      }, function () {
        // Unreachable: the stream's reconnection reads it again.
      })
      .then(function () {
        clearTimeout(timeout);
        loading = false;
        if (stopped) {
          return;
        }
        if (again) {
          again = false;
          refresh();
        }
      });
  }

  function swap(html) {
    var next = new DOMParser().parseFromString(html, 'text/html').getElementById('live');
    // Never back: a read begun while disconnected may come after the stream's newer live part.
    if (!next || !live.parentNode || seq(next) < seq(live)) {
      return;
    }
    var focused = document.activeElement;
    var key = focused && focused !== live && live.contains(focused) ? keyOf(focused) : null;
    next = document.adoptNode(next);
    live.parentNode.replaceChild(next, live);
    live = next;
    var target = key && find(live, key);
    if (target && target.focus) {
      target.focus({ preventScroll: true });
    }
  }

  // What finds the focused element again in the new fragment: its id, else its link.
  function keyOf(element) {
    if (element.id) {
      return ['id', element.id];
    }
    return element.getAttribute('href') ? ['href', element.getAttribute('href')] : null;
  }

  function find(root, key) {
    var candidates = root.querySelectorAll('[' + key[0] + ']');
    for (var i = 0; i < candidates.length; i++) {
      if (candidates[i].getAttribute(key[0]) === key[1]) {
        return candidates[i];
      }
    }
    return null;
  }

  function expire() {
    stopped = true;
    close();
    clearTimeout(pending);
    show('expired');
  }

  connect();
})();
