// measure.js: appended to a report by tests/browser/run.sh; measures
// the rendered page in Chromium and writes what it found as JSON into
// a pre element of id "measured", for --dump-dom.
(function () {
	var out = { texts: [], legend: [], overlaps: [], fix: [], body: "" };
	var svg = document.querySelector("figure svg");
	var all = svg ? svg.querySelectorAll("text") : [];
	var boxes = [];
	for (var i = 0; i < all.length; i++) {
		var r = all[i].getBoundingClientRect();
		var inLegend = all[i].closest("g.legend") !== null;
		boxes.push({ t: all[i].textContent, l: r.left, r: r.right,
		    t0: r.top, b: r.bottom });
		(inLegend ? out.legend : out.texts).push(all[i].textContent);
	}
	// Every pair, through a sort by left edge: stop once a box starts
	// right of the current one's end.
	boxes.sort(function (a, b) { return a.l - b.l; });
	for (i = 0; i < boxes.length; i++)
		for (var j = i + 1; j < boxes.length && boxes[j].l <
		    boxes[i].r; j++)
			if (boxes[i].t0 < boxes[j].b && boxes[j].t0 <
			    boxes[i].b && Math.min(boxes[i].r, boxes[j].r) -
			    boxes[j].l > 0.01)
				out.overlaps.push([boxes[i].t, boxes[j].t]);
	var rows = document.querySelectorAll("#fix tbody tr");
	for (i = 0; i < rows.length; i++) {
		var c = rows[i].querySelectorAll("td");
		out.fix.push([c[0].textContent, c[1].textContent,
		    c[3].textContent]);
	}
	out.nboxes = boxes.length;
	out.body = document.body.innerText;
	var pre = document.createElement("pre");
	pre.id = "measured";
	pre.textContent = JSON.stringify(out);
	document.body.appendChild(pre);
})();
