#!/usr/bin/env python3
"""check-doc-links.py: check the relative links of README.md and docs/*.md.

Every link [text](target) that is not a URL must name a file that exists,
and its #anchor, if any, a heading of that file, slugged as GitHub does
(lower case; spaces to '-'; punctuation other than '-' and '_' removed;
repeated headings get -1, -2, ...). Code blocks and inline code are
skipped. Usage: tools/check-doc-links.py [FILE.md ...] (default: README.md
and docs/*.md, from the repository's top). Exit status 1 on a broken link.
"""
import glob
import os
import re
import sys

LINK = re.compile(r'!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')


def prose(text):
    """The lines outside fenced code blocks, with inline code blanked."""
    fence = None
    for n, line in enumerate(text.split('\n'), 1):
        m = re.match(r'^\s*(```+|~~~+)', line)
        if m:
            if fence is None:
                fence = m.group(1)[0] * 3
            elif m.group(1).startswith(fence):
                fence = None
            continue
        if fence is None and not line.startswith('    '):
            yield n, re.sub(r'`[^`]*`', lambda c: ' ' * len(c.group(0)), line)
        elif fence is None:
            yield n, ''   # an indented code block


def slug(heading):
    s = heading.strip().lower()
    s = re.sub(r'[^\w\- ]', '', s)   # \w keeps letters, digits and '_'
    return s.replace(' ', '-')


def anchors(path, cache={}):
    if path not in cache:
        seen, found = {}, set()
        text = open(path, encoding='utf-8').read()
        fence = None
        for line in text.split('\n'):
            m = re.match(r'^\s*(```+|~~~+)', line)
            if m:
                fence = None if fence else m.group(1)[:3]
                continue
            h = re.match(r'^(#{1,6})\s+(.*?)\s*#*\s*$', line)
            if fence is None and h:
                s = slug(h.group(2))
                k = seen.get(s, 0)
                seen[s] = k + 1
                found.add(s if k == 0 else '%s-%d' % (s, k))
        cache[path] = found
    return cache[path]


def main(argv):
    files = argv[1:] or ['README.md'] + sorted(glob.glob('docs/*.md'))
    bad = 0
    count = 0
    for f in files:
        text = open(f, encoding='utf-8').read()
        for n, line in prose(text):
            for m in LINK.finditer(line):
                target = m.group(1)
                if re.match(r'^[a-z][a-z0-9+.-]*:', target):
                    continue   # http:, https:, mailto:
                count += 1
                path, _, anchor = target.partition('#')
                dest = os.path.normpath(os.path.join(os.path.dirname(f), path)) if path else f
                if not os.path.exists(dest):
                    print('%s:%d: %s: no such file %s' % (f, n, target, dest))
                    bad += 1
                elif anchor and (not dest.endswith('.md') or anchor not in anchors(dest)):
                    print('%s:%d: %s: no heading #%s in %s' % (f, n, target, anchor, dest))
                    bad += 1
    print('%d links in %d files, %d broken' % (count, len(files), bad))
    return 1 if bad else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
