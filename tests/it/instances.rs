//! Two app servers on one database, as behind a load balancer: the real binary, started twice
//! on one test database, each with its own connection pool, background jobs and signal handling.
//! Whatever the instances share (sessions, throttles, gift-idea leases, the mail-retry job) lives
//! in PostgreSQL, and these tests prove that it is shared correctly.

use std::process::Stdio;
use std::time::Duration;

use reqwest::{Client, StatusCode};
use serde_json::Value;

use crate::common::{
    browser, create_draw, fake_llm, free_port, fresh_db, numbered, quiet_testers, register_at,
    run_draw, smtp_sink, tokens_by_email, with_token, LlmReply, SmtpSink, TestApp, TestDb,
    PASSWORD,
};

/// One app server: the release or debug binary cargo built for these tests, as a child process.
struct Instance {
    child: tokio::process::Child,
    base: String,
}

impl Instance {
    /// Starts the binary on `db` with the given settings and waits until it answers its health
    /// check.
    async fn start(db: &TestDb, settings: &[(&str, String)]) -> Instance {
        secret_santa::install_crypto_provider();
        let port = free_port();
        let dir = std::env::temp_dir();
        let mut command = tokio::process::Command::new(env!("CARGO_BIN_EXE_secret-santa"));
        command
            .current_dir(&dir) // no `.env` of the repository
            .env_remove("SMTP_URL")
            .env_remove("AI_BASE_URL")
            .env_remove("AI_MODEL")
            .env("DATABASE_URL", &db.owner_url)
            .env("APP_DATABASE_URL", &db.app_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_OUTPUT_NAME", "secret-santa")
            .env("LEPTOS_SITE_ROOT", &dir)
            .env("RUST_LOG", "error")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .kill_on_drop(true);
        for (name, value) in settings {
            command.env(name, value);
        }
        let child = command.spawn().expect("start the app binary");
        let base = format!("http://127.0.0.1:{port}");
        let client = Client::new();
        for _ in 0..300 {
            if let Ok(res) = client.get(format!("{base}/healthz")).send().await {
                if res.status() == StatusCode::OK {
                    return Instance { child, base };
                }
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the instance on port {port} never became healthy");
    }

    /// The test fixtures' view of this instance: its address and the shared database.
    fn app(&self, db: &TestDb) -> TestApp {
        TestApp {
            base: self.base.clone(),
            db: db.clone(),
        }
    }

    /// Sends SIGTERM, as a process manager stopping the instance does.
    fn terminate(&self) {
        let pid = self.child.id().expect("the instance is running");
        let status = std::process::Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .unwrap();
        assert!(status.success());
    }
}

/// Two instances on one fresh database, with the same settings.
async fn two_instances(settings: &[(&str, String)]) -> (TestDb, Instance, Instance) {
    let db = fresh_db().await;
    let (a, b) = tokio::join!(
        Instance::start(&db, settings),
        Instance::start(&db, settings)
    );
    (db, a, b)
}

async fn post(client: &Client, base: &str, endpoint: &str, form: &[(&str, &str)]) -> StatusCode {
    client
        .post(format!("{base}/api/{endpoint}"))
        .form(form)
        .send()
        .await
        .unwrap()
        .status()
}

async fn me(client: &Client, base: &str) -> Option<String> {
    let res = client.post(format!("{base}/api/me")).send().await.unwrap();
    let body: Value = res.json().await.unwrap();
    body["email"].as_str().map(String::from)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_made_on_one_instance_works_on_the_other_and_logging_out_ends_it_on_both() {
    let (_db, a, b) = two_instances(&[]).await;
    let ada = register_at(&a.base, "ada@example.org", PASSWORD).await;
    assert_eq!(me(&ada, &b.base).await.as_deref(), Some("ada@example.org"));
    let (status, page) = {
        let res = ada
            .get(format!("{}/draws", b.base))
            .header("accept", "text/html")
            .send()
            .await
            .unwrap();
        (res.status(), res.text().await.unwrap())
    };
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("id=\"dashboard-title\""),
        "the other instance shows the logged-in dashboard"
    );

    assert!(post(&ada, &b.base, "logout", &[]).await.is_success());
    assert_eq!(me(&ada, &a.base).await, None, "logged out everywhere");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn failed_logins_on_both_instances_count_toward_one_lock() {
    let (_db, a, b) = two_instances(&[("LOGIN_MAX_FAILURES_PER_ACCOUNT", "4".into())]).await;
    register_at(&a.base, "ada@example.org", PASSWORD).await;
    let wrong = [
        ("email", "ada@example.org"),
        ("password", "not the password"),
    ];
    for base in [&a.base, &b.base, &a.base, &b.base] {
        assert_eq!(
            post(&browser(), base, "login", &wrong).await,
            StatusCode::UNAUTHORIZED
        );
    }
    let right = [("email", "ada@example.org"), ("password", PASSWORD)];
    for base in [&a.base, &b.base] {
        assert_eq!(
            post(&browser(), base, "login", &right).await,
            StatusCode::TOO_MANY_REQUESTS,
            "two failures on each instance are four on the account"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn twenty_simultaneous_gift_idea_requests_split_over_both_instances_make_one_provider_call() {
    let llm = fake_llm(vec![], LlmReply::ideas(4).after(Duration::from_millis(800))).await;
    let (db, a, b) = two_instances(&[
        ("AI_BASE_URL", llm.base_url.clone()),
        ("AI_MODEL", "test-model".into()),
        ("AI_API_KEY", "test-key".into()),
    ])
    .await;
    let app_a = a.app(&db);
    let organizer = register_at(&a.base, "org@example.org", PASSWORD).await;
    let draw = create_draw(
        &organizer,
        &app_a,
        &crate::common::draw("Office", numbered(3, "Warm socks")),
    )
    .await;
    let links = run_draw(&organizer, &app_a, &draw).await;
    let (_, token) = tokens_by_email(&app_a, &links).await.pop_first().unwrap();
    let giver = browser();
    assert!(post(
        &giver,
        &b.base,
        "accept_invitation",
        &with_token(&token, PASSWORD)
    )
    .await
    .is_success());

    let requests: Vec<_> = (0..20)
        .map(|i| {
            let base = if i % 2 == 0 { &a.base } else { &b.base };
            let request = giver
                .post(format!("{base}/api/gift_ideas"))
                .form(&[("id", draw.as_str()), ("refresh", "false")]);
            tokio::spawn(async move {
                let res = request.send().await.unwrap();
                (res.status(), res.json::<Value>().await.unwrap())
            })
        })
        .collect();
    let mut answers = Vec::new();
    for request in requests {
        let (status, body) = request.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        answers.push(body);
    }
    assert_eq!(
        llm.calls(),
        1,
        "one instance asked; the other waited for its answer"
    );
    assert!(
        answers.iter().all(|a| *a == answers[0]),
        "everyone got the same ideas"
    );
}

/// How many mails the sink holds for each address.
fn mails_per_address(sink: &SmtpSink, emails: &[String]) -> Vec<usize> {
    let mails = sink.mails();
    emails
        .iter()
        .map(|email| {
            let to = format!("To: {email}");
            mails.iter().filter(|m| m.contains(&to)).count()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mail_retry_job_of_both_instances_mails_each_due_invitation_exactly_once() {
    let sink = smtp_sink().await;
    let (db, a, b) = two_instances(&[
        ("SMTP_URL", format!("smtp://127.0.0.1:{}", sink.port)),
        ("MAIL_RETRY_INTERVAL_SECONDS", "10".into()),
    ])
    .await;
    let app_a = a.app(&db);
    let emails: Vec<String> = (0..8).map(|i| format!("p{i}@example.org")).collect();
    let organizer = register_at(&a.base, "org@example.org", PASSWORD).await;
    let people = quiet_testers(&emails.iter().map(String::as_str).collect::<Vec<_>>());
    let draw = create_draw(&organizer, &app_a, &crate::common::draw("Office", people)).await;
    assert!(run_draw(&organizer, &app_a, &draw).await.is_empty());
    assert_eq!(mails_per_address(&sink, &emails), vec![1; 8]);

    // Every invitation's mail "failed" an hour ago: both instances' next passes find all eight
    // due at about the same moment.
    db.admin_exec(
        "update draw_participants set mail_status = 'failed', mail_attempts = 1,
                mail_at = now() - interval '1 hour'",
        (),
    )
    .await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(30);
    while sink.mails().len() < 16 && tokio::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    // Both passes have run (each instance's first comes 10 s after its start); give a duplicate
    // time to arrive.
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(
        mails_per_address(&sink, &emails),
        vec![2; 8],
        "each due invitation was mailed again once, by one of the two instances"
    );
    let sent: i64 = db
        .admin_scalar(
            "select count(*) from draw_participants where mail_status = 'sent'",
            (),
        )
        .await;
    assert_eq!(sent, 8);
    drop((a, b));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stopping_one_instance_with_sigterm_finishes_its_requests_while_the_other_serves_on() {
    // One password check at a time, so that the logins queue up and are in flight when the
    // signal comes.
    let (_db, mut a, b) = two_instances(&[
        ("PASSWORD_HASH_CONCURRENCY", "1".into()),
        ("LOGIN_MAX_FAILURES_PER_ADDRESS", "1000".into()),
        ("LOGIN_MAX_FAILURES_PER_ACCOUNT", "1000".into()),
    ])
    .await;
    let ada = register_at(&a.base, "ada@example.org", PASSWORD).await;

    // Steady load on the instance that stays.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let load = {
        let (stop, base) = (stop.clone(), b.base.clone());
        tokio::spawn(async move {
            let (mut ok, mut failed) = (0, Vec::new());
            while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                match ada
                    .get(format!("{base}/draws"))
                    .header("accept", "text/html")
                    .send()
                    .await
                {
                    Ok(res) if res.status() == StatusCode::OK => ok += 1,
                    Ok(res) => failed.push(res.status().to_string()),
                    Err(err) => failed.push(err.to_string()),
                }
            }
            (ok, failed)
        })
    };

    // Logins on the instance that stops, each on its own connection, all sent before the signal.
    let logins: Vec<_> = (0..6)
        .map(|_| {
            let request = browser()
                .post(format!("{}/api/login", a.base))
                .form(&[("email", "ada@example.org"), ("password", PASSWORD)]);
            tokio::spawn(async move { request.send().await.map(|r| r.status()) })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let in_flight = logins.iter().filter(|login| !login.is_finished()).count();
    assert!(
        in_flight > 0,
        "some logins are still being answered when the signal comes"
    );
    a.terminate();

    for login in logins {
        let status = login.await.unwrap().expect("no request is cut off");
        assert_eq!(status, StatusCode::OK);
    }
    let exit = tokio::time::timeout(Duration::from_secs(30), a.child.wait())
        .await
        .expect("the instance stops once its requests are done")
        .unwrap();
    assert!(exit.success(), "{exit}");
    assert!(
        Client::new()
            .get(format!("{}/healthz", a.base))
            .send()
            .await
            .is_err(),
        "the stopped instance takes no new connection"
    );

    tokio::time::sleep(Duration::from_millis(500)).await;
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let (ok, failed) = load.await.unwrap();
    assert!(failed.is_empty(), "{failed:?}");
    assert!(ok > 0);
}
