//! A fake gift-ideas provider: a local HTTP server speaking the OpenAI chat-completions protocol.

/// How the fake provider answers one request.
#[derive(Clone, Debug)]
pub struct LlmReply {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    /// The message content (wrapped in a chat-completions body) — or, with `raw`, the whole body.
    pub content: String,
    pub raw: bool,
    pub delay: std::time::Duration,
}

impl LlmReply {
    /// A good answer with `n` ideas.
    pub fn ideas(n: usize) -> Self {
        let ideas: Vec<serde_json::Value> = (0..n)
            .map(|i| serde_json::json!({ "title": format!("Idea {i}"), "why": "Fits the wishes", "price": "About 20 EUR" }))
            .collect();
        LlmReply {
            status: 200,
            headers: Vec::new(),
            content: serde_json::json!({ "ideas": ideas }).to_string(),
            raw: false,
            delay: std::time::Duration::ZERO,
        }
    }

    pub fn status(status: u16) -> Self {
        LlmReply {
            status,
            headers: Vec::new(),
            content: "{\"error\":{\"message\":\"upstream trouble\"}}".into(),
            raw: true,
            delay: std::time::Duration::ZERO,
        }
    }

    pub fn content(content: &str) -> Self {
        LlmReply {
            content: content.into(),
            ..LlmReply::ideas(3)
        }
    }

    pub fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn after(mut self, delay: std::time::Duration) -> Self {
        self.delay = delay;
        self
    }
}

/// A local HTTP server speaking the OpenAI chat-completions protocol: it records every request
/// (headers and JSON body) and answers from a script, then with `fallback`.
pub struct FakeLlm {
    pub base_url: String,
    pub requests: std::sync::Arc<std::sync::Mutex<Vec<(axum::http::HeaderMap, serde_json::Value)>>>,
}

impl FakeLlm {
    pub fn calls(&self) -> usize {
        self.requests.lock().unwrap().len()
    }

    /// A provider configuration pointing here, with short waits for tests.
    pub fn provider(&self) -> secret_santa::gifts::ProviderConfig {
        let mut p = secret_santa::gifts::ProviderConfig::new(
            &self.base_url,
            "test-model",
            Some("test-key".into()),
        );
        p.retry_base = std::time::Duration::from_millis(50);
        p
    }
}

pub async fn fake_llm(script: Vec<LlmReply>, fallback: LlmReply) -> FakeLlm {
    use axum::routing::post;
    use std::sync::{Arc, Mutex};
    type Log = Arc<Mutex<Vec<(axum::http::HeaderMap, serde_json::Value)>>>;
    let requests: Log = Arc::new(Mutex::new(Vec::new()));
    let script = Arc::new(Mutex::new(std::collections::VecDeque::from(script)));
    let (log, fallback) = (requests.clone(), Arc::new(fallback));
    let app = axum::Router::new().route(
        "/v1/chat/completions",
        post(
            move |headers: axum::http::HeaderMap,
                  axum::Json(body): axum::Json<serde_json::Value>| {
                let (log, script, fallback) = (log.clone(), script.clone(), fallback.clone());
                async move {
                    log.lock().unwrap().push((headers, body));
                    let reply = script
                        .lock()
                        .unwrap()
                        .pop_front()
                        .unwrap_or_else(|| (*fallback).clone());
                    tokio::time::sleep(reply.delay).await;
                    let body = if reply.raw {
                        reply.content.clone()
                    } else {
                        serde_json::json!({
                            "id": "chatcmpl-test",
                            "object": "chat.completion",
                            "model": "test-model",
                            "choices": [{ "index": 0, "finish_reason": "stop",
                                "message": { "role": "assistant", "content": reply.content } }],
                        })
                        .to_string()
                    };
                    let mut response = axum::response::Response::new(axum::body::Body::from(body));
                    *response.status_mut() =
                        axum::http::StatusCode::from_u16(reply.status).unwrap();
                    response.headers_mut().insert(
                        axum::http::header::CONTENT_TYPE,
                        "application/json".parse().unwrap(),
                    );
                    for (name, value) in &reply.headers {
                        response.headers_mut().insert(*name, value.parse().unwrap());
                    }
                    response
                }
            },
        ),
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await });
    FakeLlm {
        base_url: format!("http://{addr}/v1"),
        requests,
    }
}
