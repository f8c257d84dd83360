//! The intake service's throughput on this machine: a campaign of 1,000 invitations, each
//! answer signed beforehand, uploaded to `competency serve` (built with the bench profile) by
//! 50 clients at once over HTTP on 127.0.0.1. Prints uploads a second and the latency of an
//! upload (median, 99th percentile). `make bench` runs it.

use std::time::{Duration, Instant};

#[path = "../tests/common/mod.rs"]
mod common;
use common::service::*;
use common::*;

const CLIENTS: usize = 50;

fn main() {
    let files = Files::new("bench-intake");
    let invitations = large_plan(&files, 100);
    let bodies = answers(&invitations);
    let bytes: usize = bodies.iter().map(Vec::len).sum();
    let service = Service::start(&files.0, &config(&files, true));
    let latencies = std::sync::Mutex::new(Vec::with_capacity(bodies.len()));
    let started = Instant::now();
    std::thread::scope(|scope| {
        for t in 0..CLIENTS {
            let (service, bodies, latencies) = (&service, &bodies, &latencies);
            scope.spawn(move || {
                for body in bodies.iter().skip(t).step_by(CLIENTS) {
                    let start = Instant::now();
                    let (status, reply) = service.post(body, None);
                    assert_eq!(status, 201, "{reply}");
                    latencies.lock().unwrap().push(start.elapsed());
                }
            });
        }
    });
    let elapsed = started.elapsed();
    let mut latencies = latencies.into_inner().unwrap();
    latencies.sort();
    let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (_, kept) = service.hr("/hr/results");
    assert_eq!(
        kept.as_array().unwrap().len(),
        bodies.len(),
        "every upload kept"
    );
    println!(
        "intake: {} signed results ({} KB in all) uploaded by {CLIENTS} clients at once: \
         {:.0} uploads/s, latency median {:.1} ms, p99 {:.1} ms (verified, checked against the \
         campaign, committed with full synchronous before each answer)",
        bodies.len(),
        bytes / 1024,
        bodies.len() as f64 / elapsed.as_secs_f64(),
        ms(at(0.5)),
        ms(at(0.99)),
    );
    service.stop();
}
