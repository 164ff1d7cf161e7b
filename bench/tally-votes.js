// SPDX-License-Identifier: GPL-3.0-or-later
//
// The same count with an established JavaScript implementation, the
// `votes` package from the npm registry (Schulze with winning votes,
// instant runoff): reads the moot-ballots(5) file bench/tally.c wrote
// and prints the time and the winner of each. bench/tally.sh installs
// the package into a temporary directory (never into the tree) and
// passes it as VOTES_DIR.
//
// usage: VOTES_DIR=DIR node bench/tally-votes.js FILE [schulze] [irv]
'use strict';

const fs = require('fs');
const path = require('path');

async function main() {
	const file = process.argv[2];
	const which = process.argv.slice(3);
	const want = (m) => which.length === 0 || which.includes(m);
	const dir = process.env.VOTES_DIR || '.';
	const votes = await import(path.join(path.resolve(dir),
	    'node_modules', 'votes', 'dist', 'index.js'));

	let candidates = [];
	const ballots = [];
	for (const raw of fs.readFileSync(file, 'utf8').split('\n')) {
		const line = raw.replace(/#.*/, '').trim();
		if (line === '')
			continue;
		if (/^options\s*:/i.test(line)) {
			candidates = line.replace(/^options\s*:/i, '')
			    .split(',').map((s) => s.trim());
			continue;
		}
		const colon = line.indexOf(':');
		const weight = Number(line.slice(0, colon));
		const body = line.slice(colon + 1).trim();
		if (body === '')
			continue;
		const ranking = body.split('>').map((level) =>
		    level.split('=').map((s) => s.trim()));
		ballots.push({ ranking, weight });
	}
	const n = ballots.reduce((a, b) => a + b.weight, 0);
	console.log(`votes (npm): ${n} ballots x ${candidates.length} ` +
	    'options');

	if (want('schulze')) {
		const t0 = process.hrtime.bigint();
		const matrix = votes.utils.matrixFromBallots(ballots,
		    candidates);
		const schulze = new votes.Schulze(matrix);
		const ranking = schulze.ranking();
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		console.log(`schulze  ${ms.toFixed(2)} ms  winners ` +
		    ranking[0].join(','));
	}
	if (want('irv')) {
		const t0 = process.hrtime.bigint();
		const irv = new votes.InstantRunoff({ candidates, ballots });
		const ranking = irv.ranking();
		const ms = Number(process.hrtime.bigint() - t0) / 1e6;
		console.log(`irv      ${ms.toFixed(2)} ms  winners ` +
		    ranking[0].join(','));
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
