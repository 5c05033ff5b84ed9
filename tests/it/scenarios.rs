//! The nine client scenarios of issue 30 ("Coaching by the evidence"), one test each, named after it: one who
//! calms fast, one whose distress never drops, one who avoids, one who leans on safety behaviours, one who gets a
//! painful no, a bad week, big jumps, professional help as a first rung, and the risk one. Each compares whole
//! what the person reads, command by command, as the scenario unfolds.

use crate::common::Sandbox;

/// `ladder ARGS` at another moment than the sandbox's clock: its exit code and what it printed.
fn at(s: &Sandbox, now: &str, args: &[&str]) -> (Option<i32>, String) {
    let out = s.ladder(args).env("LADDER_NOW", now).output().expect("run ladder");
    (out.status.code(), String::from_utf8(out.stdout).expect("utf-8"))
}

/// The client who calms fast: distress falls from 50 to 10 on the first try. A rep is what was learned, one a
/// day, so two easy mornings master a rung, not five minutes; what was learned is asked for, once.
#[test]
fn one_who_calms_fast() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask a coworker a quick question", "-s", "30", "--fear", "They'll think I'm slow"]);
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "50",
            "--after",
            "10",
            "--fear-did-not-happen",
            "--date",
            "2026-11-21",
            "--confirm-date"
        ]),
        "Recorded attempt 1 on #1 “Ask a coworker a quick question”, on Sat 21 Nov 2026, yesterday: yes.\n\
         It counted as a rep: you made the ask, and checked what you feared. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What you feared did not happen. Worth remembering next time.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 1 --learned \"...\"\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    // Calm again the same morning: practice, for one rep a day is what counts.
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "20",
            "--after",
            "5",
            "--fear-did-not-happen",
            "--date",
            "2026-11-21",
            "--confirm-date",
            "--learned",
            "They were glad to help"
        ]),
        "Recorded attempt 2 on #1 “Ask a coworker a quick question”, on Sat 21 Nov 2026, yesterday: yes.\n\
         It counts as practice: #1 already has a rep that day, and one a day is what counts. Still 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
         What you feared did not happen. Worth remembering next time.\n\
         Next: #1 Ask a coworker a quick question\n"
    );
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "20",
            "--after",
            "5",
            "--fear-did-not-happen",
            "--learned",
            "Asking is normal here"
        ]),
        "Recorded attempt 3 on #1 “Ask a coworker a quick question”: yes.\n\
         It counted as a rep: you made the ask, and checked what you feared. Now 2 of 2 reps: #1 is mastered.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 3\n\
         What you feared did not happen. Worth remembering next time.\n\
         Every rung is mastered: that is the whole ladder, well done.\n\
         To keep what you learned, revisit one: ladder next --review\n\
         When you are ready, a harder ask: “Ask a colleague for their opinion on one small part of your \
         project, by a set day” (ladder add --idea 15)\n"
    );
}

/// The client whose distress never drops: 70 before and after, every time, and the feared outcome never
/// happens. Under the learning rule each ask made and checked is a rep; progress shows what was done, never a
/// bare 0%.
#[test]
fn one_whose_distress_never_drops() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask a colleague to look over my figures", "-s", "50", "--fear", "They'll see I don't get it"]);
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "70",
            "--after",
            "70",
            "--fear-did-not-happen",
            "--date",
            "2026-11-20",
            "--confirm-date",
            "--learned",
            "They didn't mind"
        ]),
        "Recorded attempt 1 on #1 “Ask a colleague to look over my figures”, on Fri 20 Nov 2026, 2 days ago: \
         yes.\n\
         It counted as a rep: you made the ask, and checked what you feared. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         What you feared did not happen. Worth remembering next time.\n\
         That was harder than planned: you felt 70, and #1 is at stakes 50. That is common, and worth \
         knowing: stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 1 --ask \"...\" --stakes 25), \
         or add an easier step before it (ladder split 1 \"...\" --stakes 25).\n\
         Next: #1 Ask a colleague to look over my figures\n"
    );
    assert_eq!(
        s.ok(&[
            "done",
            "--before",
            "70",
            "--after",
            "70",
            "--fear-did-not-happen",
            "--learned",
            "Still anxious, and it went fine"
        ]),
        "Recorded attempt 2 on #1 “Ask a colleague to look over my figures”: yes.\n\
         It counted as a rep: you made the ask, and checked what you feared. Now 2 of 2 reps: #1 is mastered.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
         What you feared did not happen. Worth remembering next time.\n\
         Every rung is mastered: that is the whole ladder, well done.\n\
         To keep what you learned, revisit one: ladder next --review\n\
         When you are ready, a harder ask: “Say at stand-up that you're stuck and ask who can help” (ladder \
         add --idea 22)\n"
    );
    assert_eq!(
        s.ok(&["progress"]).lines().take(3).collect::<Vec<_>>(),
        [
            "Mastered 1 of 1 rung  ████████████████████ 100% · 2 asks made · 2 fears tested",
            "2 attempts: 2 yes · 0 partial · 0 no · 0 no answer",
            "Your fear came true 0 of 2 times you checked."
        ]
    );
}

/// The client who avoids: an easy rung mastered long ago, asked again and again, and a harder ask that
/// got no answer. Neither earns a rep or a streak; progress and next say so kindly, and offer the rung up.
#[test]
fn one_who_avoids() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask a stranger for the time", "-s", "15"]);
    s.ok(&["add", "Ask Sam to review my slides", "-s", "25", "--who", "Sam"]);
    s.ok(&["done", "1", "--date", "2026-11-02", "--confirm-date", "--learned", "Easy"]);
    s.ok(&["done", "1", "--date", "2026-11-03", "--confirm-date", "--learned", "Easy"]);
    s.ok(&["done", "1", "--date", "2026-11-09", "--confirm-date", "--learned", "Easy"]);
    s.ok(&["done", "1", "--date", "2026-11-16", "--confirm-date", "--learned", "Easy"]);
    assert_eq!(
        s.ok(&["done", "2", "--outcome", "no-answer", "--date", "2026-11-20", "--confirm-date"]),
        "Recorded attempt 5 on #2 “Ask Sam to review my slides”, on Fri 20 Nov 2026, 2 days ago: no-answer.\n\
         It counts as practice, not as a rep: with no answer yet, what you feared was not put to the test. \
         Still 0 of 2 reps.\n\
         No answer yet: you still asked, and that took courage. A gentle follow-up is fine.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 5 --learned \"...\"\n\
         Next: #2 Ask Sam to review my slides\n"
    );
    s.ok(&["done", "1", "--date", "2026-11-21", "--confirm-date", "--learned", "Easy"]);
    s.ok(&["done", "1", "--learned", "Same as ever"]);
    assert_eq!(
        s.ok(&["progress"]),
        "Mastered 1 of 2 rungs  ██████████░░░░░░░░░░ 50% · 6 asks made\n\
         7 attempts: 6 yes · 0 partial · 0 no · 1 no answer\n\
         This week: practice on 2 of 3 days\n\
         3 of your last 5 asks were on rungs you have already mastered. Going back feels safer, and that is \
         human; the learning now is a rung up.\n\
         Next: #2 Ask Sam to review my slides (stakes 25)\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask Sam to review my slides\n\
         #2 · stakes 25 · with Sam · 0 of 2 reps\n\
         Last time the ask got no answer, so what you feared was not put to the test: it was practice, and \
         the rep comes when someone answers. A gentle follow-up, or the same ask another way, is fine.\n\
         3 of your last 5 asks were on rungs you have already mastered. Going back feels safer, and that is \
         human; the learning now is a rung up.\n"
    );
}

/// The client who leans on safety behaviours: texted instead of calling, apologised three times. Relying
/// on one is practice, not a rep; doing without it is said back, and next suggests trying without the other.
#[test]
fn one_who_leans_on_safety_behaviours() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&[
        "add",
        "Call Mum to ask for a lift to the clinic",
        "-s",
        "40",
        "--who",
        "Mum",
        "--safety",
        "texting instead of calling",
        "--safety",
        "apologising first",
    ]);
    assert_eq!(
        s.ok(&[
            "done",
            "--used",
            "texting instead of calling",
            "--used",
            "apologising first",
            "--date",
            "2026-11-21",
            "--confirm-date",
            "--learned",
            "She said yes to a text"
        ]),
        "Recorded attempt 1 on #1 “Call Mum to ask for a lift to the clinic”, on Sat 21 Nov 2026, yesterday: \
         yes.\n\
         It counts as practice, not as a rep: you relied on “texting instead of calling” and “apologising \
         first”, safety behaviours. Still 0 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 1\n\
         Next: #1 Call Mum to ask for a lift to the clinic\n"
    );
    assert_eq!(
        s.ok(&["done", "--dropped", "texting instead of calling", "--used", "apologising first"]),
        "Recorded attempt 2 on #1 “Call Mum to ask for a lift to the clinic”: yes.\n\
         It counts as practice, not as a rep: you relied on “apologising first”, a safety behaviour. Still 0 \
         of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 2\n\
         You did without “texting instead of calling”: that is how you find out you can cope without it.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 2 --learned \"...\"\n\
         Next: #1 Call Mum to ask for a lift to the clinic\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        "Next: Call Mum to ask for a lift to the clinic\n\
         #1 · stakes 40 · with Mum · 0 of 2 reps\n\
         Nothing is mastered yet, and this rung is at 40. If that is too big a step for now, an easier ask \
         around 20 could come first: “Ask a shop assistant to recommend something” (ladder add --idea 5) or \
         “Ask a stranger to recommend a good place to eat nearby” (ladder add --idea 6).\n\
         Last time you relied on “apologising first”. Next time, try it without it: that is how you find out \
         you can cope.\n"
    );
}

/// The client who gets a painful no: Dad snapped, distress 85. Never the same ask at Dad again straight
/// away: how bad was it, what helped, and asks of Dad rest while an ask of the same stakes of someone else is
/// offered (one harder than the very hard one is not, until it goes better).
#[test]
fn one_who_gets_a_painful_no() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask Dad to help me move the sofa", "-s", "40", "--who", "Dad"]);
    s.ok(&["add", "Ask Ana next door to water the plants", "-s", "40", "--who", "Ana"]);
    s.ok(&["add", "Ask Jo to cover my shift", "-s", "45", "--who", "Jo"]);
    assert_eq!(
        s.ok(&["done", "--outcome", "no", "--before", "60", "--after", "85", "--note", "He snapped at me"]),
        "Recorded attempt 1 on #1 “Ask Dad to help me move the sofa”: no.\n\
         It counts as practice, not as a rep: it was very hard (your distress rose from 60 to 85), and a rep \
         is an ask you can bear. Still 0 of 2 reps.\n\
         A no is not a failure: you asked, and asking is the practice.\n\
         A no from Dad can sting. How bad was it, really, and what helped you through it? To keep it with the \
         attempt: ladder fix 1 --learned \"...\"\n\
         Asks of Dad rest until 29 Nov: next time, the same stakes with someone else, or another request.\n\
         Next: #2 Ask Ana next door to water the plants\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask Ana next door to water the plants\n\
         #2 · stakes 40 · with Ana · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Nothing is mastered yet, and this rung is at 40. If that is too big a step for now, an easier ask \
         around 20 could come first: “Ask a shop assistant to recommend something” (ladder add --idea 5) or \
         “Ask a stranger to recommend a good place to eat nearby” (ladder add --idea 6).\n\
         Dad said no on 22 Nov, so asks of Dad rest until 29 Nov. The same stakes with someone else, or \
         another request, is practice just as good: ladder add \"...\" --stakes 40\n"
    );
}

/// A bad week: two very hard tries in a row on one rung. The rung rests and an easier one is offered,
/// said once, kindly; after the week it comes back gently, never with "repeat it".
#[test]
fn a_bad_week() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask a stranger for directions", "-s", "15"]);
    s.ok(&["add", "Ask my manager to move a deadline", "-s", "60"]);
    s.ok(&["done", "1", "--date", "2026-11-16", "--confirm-date", "--learned", "ok"]);
    s.ok(&["done", "1", "--date", "2026-11-17", "--confirm-date", "--learned", "ok"]);
    assert_eq!(
        s.ok(&[
            "done",
            "2",
            "--before",
            "80",
            "--peak",
            "90",
            "--after",
            "85",
            "--date",
            "2026-11-19",
            "--confirm-date"
        ]),
        "Recorded attempt 3 on #2 “Ask my manager to move a deadline”, on Thu 19 Nov 2026, 3 days ago: yes.\n\
         It counts as practice, not as a rep: it was very hard (distress 90), and a rep is an ask you can bear. \
         Still 0 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 3\n\
         What did you learn from it? To keep it with the attempt: ladder fix 3 --learned \"...\"\n\
         That was harder than planned: you felt 90, and #2 is at stakes 60. That is common, and worth \
         knowing: stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 2 --ask \"...\" --stakes 37), \
         or add an easier step before it (ladder split 2 \"...\" --stakes 37).\n\
         Next: #2 Ask my manager to move a deadline\n"
    );
    assert_eq!(
        s.ok(&["done", "2", "--before", "85", "--after", "90", "--date", "2026-11-20", "--confirm-date"]),
        "Recorded attempt 4 on #2 “Ask my manager to move a deadline”, on Fri 20 Nov 2026, 2 days ago: yes.\n\
         It counts as practice, not as a rep: it was very hard (distress 90), and a rep is an ask you can bear. \
         Still 0 of 2 reps.\n\
         That was very hard, two tries in a row (90, then 90). You do not have to push on: let #2 rest for \
         now, and step down to an easier ask. That is part of the method, not a step back.\n\
         Talking it over with a therapist or your GP can help, with this ladder and with how you have been \
         feeling.\n\
         ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local \
         emergency services or a crisis line now.\n\
         Next, a step down: #1 Ask a stranger for directions\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        "Next, a step down: Ask a stranger for directions\n\
         #1 · stakes 15 · mastered\n\
         #2 “Ask my manager to move a…” rests until 27 Nov: your last two tries on it were very hard. \
         Stepping down is part of the method, not a step back.\n"
    );
    assert_eq!(
        s.ok(&["progress"]),
        "Mastered 1 of 2 rungs  ██████████░░░░░░░░░░ 50% · 4 asks made\n\
         4 attempts: 4 yes · 0 partial · 0 no · 0 no answer\n\
         This week: practice on 4 days, target of 3 met · streak: 1 week\n\
         Distress, attempt by attempt:\n\
         \x20 #2     Ask my manager to move a deadline         ▆▇\n\
         Next, a step down: #1 Ask a stranger for directions (stakes 15)\n"
    );
    assert_eq!(
        at(&s, "2026-11-28T09:00:00+01:00", &["next"]),
        (
            Some(0),
            "Next: Ask my manager to move a deadline\n\
         #2 · stakes 60 · 0 of 2 reps\n\
         Your last two tries on this were very hard (90 and 90). Go gently: try it again only if you feel \
         ready; an easier ask first, or a pause, is fine too.\n\
         This is a jump of 45 from your highest mastered rung (15). An ask around 37 in between would make \
         the climb gentler: “Ask the person ahead of you in a queue if you can go first” (ladder add --idea \
         10) or “Ask a colleague: \"Can I brainstorm with you for five minutes?\"” (ladder add --idea 14).\n"
                .to_string()
        )
    );
}

/// Big jumps: from a mastered 15 straight to 70. next says an ask in between would make the climb gentler,
/// and a try far above its stakes is met with the two ways on, not with "repeat it".
#[test]
fn big_jumps() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask a stranger for the time", "-s", "15"]);
    s.ok(&["add", "Ask for a raise", "-s", "70"]);
    s.ok(&["done", "1", "--date", "2026-11-19", "--confirm-date", "--learned", "ok"]);
    s.ok(&["done", "1", "--date", "2026-11-20", "--confirm-date", "--learned", "ok"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask for a raise\n\
         #2 · stakes 70 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         This is a jump of 55 from your highest mastered rung (15). An ask around 42 in between would make \
         the climb gentler: “Ask a colleague for their opinion on one small part of your project, by a set \
         day” (ladder add --idea 15) or “Ask a friend to help you move a piece of furniture” (ladder add \
         --idea 31).\n"
    );
    s.ok(&["add", "Ask a colleague for feedback on a draft", "-s", "30"]);
    assert_eq!(
        s.ok(&["done", "3", "--before", "55", "--after", "50"]),
        "Recorded attempt 3 on #3 “Ask a colleague for feedback on a draft”: yes.\n\
         It counted as a rep: you made the ask. Now 1 of 2 reps.\n\
         A yes: thank them, and tell them what their help changed. Once you have: ladder thank 3\n\
         What did you learn from it? To keep it with the attempt: ladder fix 3 --learned \"...\"\n\
         That was harder than planned: you felt 55, and #3 is at stakes 30. That is common, and worth \
         knowing: stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 3 --ask \"...\" --stakes 22), \
         or add an easier step before it (ladder split 3 \"...\" --stakes 22).\n\
         Next: #3 Ask a colleague for feedback on a draft\n"
    );
}

/// Professional help as a first rung: a GP appointment added first, at stakes 85. It never waits for the
/// climb and never gets "an easier ask could come first"; very hard tries on it are met with help, not a pause.
#[test]
fn professional_help_as_a_first_rung() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Book a GP appointment about how I've been feeling", "-s", "85", "--tag", "health"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Book a GP appointment about how I've been feeling\n\
         #1 · stakes 85 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Make it specific: who will you ask, for what, and when? (ladder edit 1 --who NAME)\n"
    );
    s.ok(&["add", "Ask a stranger for the time", "-s", "15"]);
    assert_eq!(
        s.ok(&["next"]),
        "Next: Ask a stranger for the time\n\
         #2 · stakes 15 · 0 of 2 reps\n\
         First try. Success is making the ask, not feeling calm while you do.\n\
         Any time: #1 Book a GP appointment about how I've been feeling\n"
    );
    s.ok(&["done", "1", "--before", "90", "--after", "95", "--date", "2026-11-21", "--confirm-date"]);
    assert_eq!(
        s.ok(&["done", "1", "--before", "95", "--after", "95"]),
        "Recorded attempt 2 on #1 “Book a GP appointment about how I've been feeling”: yes.\n\
         It counts as practice, not as a rep: it was very hard (distress 95), and a rep is an ask you can \
         bear. Still 0 of 2 reps.\n\
         That was very hard, two tries in a row (95, then 95). Getting help is worth it, and you need not do \
         it alone: someone you trust could help you make this ask, or come with you.\n\
         ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local \
         emergency services or a crisis line now.\n\
         Next: #2 Ask a stranger for the time\n"
    );
}

/// The risk one: two 100/100 ratings, and the note "I can't do this anymore, what's the point of anything".
/// Never "you got through it": rest, step down, a therapist or GP, and the line about crises, once; the
/// report puts it first, for the therapist, and files the note as a note.
#[test]
fn the_risk_one() {
    let s = Sandbox::new();
    s.ok(&["init", "--example"]);
    s.ok(&["done", "1", "--date", "2026-11-19", "--confirm-date", "--learned", "ok"]);
    s.ok(&["done", "1", "--date", "2026-11-20", "--confirm-date", "--learned", "ok"]);
    assert_eq!(
        s.ok(&[
            "done",
            "--outcome",
            "no",
            "--before",
            "100",
            "--after",
            "100",
            "--date",
            "2026-11-21",
            "--confirm-date"
        ]),
        "Recorded attempt 3 on #2 “Ask a shop assistant to recommend something”, on Sat 21 Nov 2026, \
         yesterday: no.\n\
         It counts as practice, not as a rep: it was very hard (distress 100), and a rep is an ask you can \
         bear. Still 0 of 2 reps.\n\
         A no is not a failure: you asked, and asking is the practice.\n\
         What did you learn from it? To keep it with the attempt: ladder fix 3 --learned \"...\"\n\
         That was harder than planned: you felt 100, and #2 is at stakes 20. That is common, and worth \
         knowing: stakes are a guess until you try.\n\
         Two ways on: lower its stakes by making the ask smaller (ladder edit 2 --ask \"...\" --stakes 17), \
         or add an easier step before it (ladder split 2 \"...\" --stakes 17).\n\
         Next: #2 Ask a shop assistant to recommend something\n"
    );
    assert_eq!(
        s.ok(&[
            "done",
            "--outcome",
            "no",
            "--before",
            "100",
            "--after",
            "100",
            "--fear-happened",
            "--note",
            "I can't do this anymore, what's the point of anything"
        ]),
        "Recorded attempt 4 on #2 “Ask a shop assistant to recommend something”: no.\n\
         It counts as practice, not as a rep: it was very hard (distress 100), and a rep is an ask you can \
         bear. Still 0 of 2 reps.\n\
         That was very hard, two tries in a row (100, then 100). You do not have to push on: let #2 rest for \
         now, and step down to an easier ask. That is part of the method, not a step back.\n\
         Talking it over with a therapist or your GP can help, with this ladder and with how you have been \
         feeling.\n\
         ladder is not a crisis service. If you are in crisis or might harm yourself, contact your local \
         emergency services or a crisis line now.\n\
         Next, a step down: #1 Ask a stranger for directions or the time\n"
    );
    assert_eq!(
        s.ok(&["next"]),
        "Next, a step down: Ask a stranger for directions or the time\n\
         #1 · stakes 15 · mastered\n\
         #2 “Ask a shop assistant to…” rests until 29 Nov: your last two tries on it were very hard. Stepping \
         down is part of the method, not a step back.\n\
         Any time: #15 Ask a professional (a GP or a counsellor) for help with how you're feeling\n"
    );
    assert_eq!(
        s.ok(&["list"]).lines().take(4).collect::<Vec<_>>(),
        [
            " ID  Stakes  Ask                                                                                Tries  Status",
            "  1      15  Ask a stranger for directions or the \
         time                                              2  mastered",
            "  2      20  Ask a shop assistant to recommend \
         something                                            2  practising",
            "  3      25  Ask a stranger to take a photo of \
         you                                                  0  new"
        ]
    );
    assert_eq!(
        s.ok(&["progress"]).lines().take(3).collect::<Vec<_>>(),
        [
            "Mastered 1 of 15 rungs  █░░░░░░░░░░░░░░░░░░░ 7% · 4 asks made · 1 fear tested",
            "4 attempts: 2 yes · 0 partial · 2 no · 0 no answer",
            "Each of those 2 no's was practice too: you asked anyway."
        ]
    );
    // The report puts it first, for the therapist, and files the note as a note, never as what was learned.
    let report = s.ok(&["report"]);
    assert!(report.contains(
        "<li><strong>Met the step-down rule</strong> on #2 “<bdi>Ask a shop assistant to recommend something</bdi>”: \
         two very hard attempts in a row (21 Nov and 22 Nov, distress 100 and distress 100). ladder rested the rung \
         for a week and suggested stepping down and talking it over.</li>\n"
    ));
    let (learned, notes) = report.split_once("<h3>Your notes</h3>").expect("the note, as a note");
    assert!(!learned.contains("point of anything"), "never filed as what was learned");
    assert!(notes.starts_with(
        "\n<ul>\n<li>22 Nov, #2 <bdi>Ask a shop assistant to\u{2026}</bdi> (no): <bdi>I can&#39;t do this anymore, \
         what&#39;s the point of anything</bdi></li>\n</ul>\n"
    ));
    assert!(!report.to_lowercase().contains("you got through it"));
}

/// Brave tries that no one answered yet are shown as tries, never as a bare 0%.
#[test]
fn one_who_avoids_and_whose_asks_got_no_answer_sees_them_counted() {
    let s = Sandbox::new();
    s.ok(&["init"]);
    s.ok(&["add", "Ask Sam to review my slides", "-s", "25", "--who", "Sam"]);
    s.ok(&["done", "--outcome", "no-answer", "--date", "2026-11-20", "--confirm-date"]);
    s.ok(&["done", "--outcome", "no-answer"]);
    assert_eq!(
        s.ok(&["progress"]).lines().next(),
        Some("Mastered 0 of 1 rung  ░░░░░░░░░░░░░░░░░░░░ 0% · 2 asks with no answer yet")
    );
}
