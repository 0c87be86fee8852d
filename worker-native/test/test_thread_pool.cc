// Thread pool: every index exactly once, nested and concurrent calls run inline, several pools, repeated
// create/destroy, partition independent of timing.
#include <atomic>
#include <thread>
#include <vector>

#include "check.h"
#include "thread_pool.h"
#include "denormals.h"

using namespace layerwise;

TEST(thread_pool_covers_each_index_once) {
  for (int threads : {1, 2, 3, 8}) {
    ThreadPool pool(threads);
    CHECK(pool.size() == threads);
    for (int64_t n : {int64_t(0), int64_t(1), int64_t(5), int64_t(1000), int64_t(100003)}) {
      std::vector<std::atomic<int>> hits(static_cast<size_t>(n));
      for (auto& h : hits) h = 0;
      pool.parallel_for(n, [&](int64_t b, int64_t e) {
        for (int64_t i = b; i < e; ++i) hits[static_cast<size_t>(i)]++;
      });
      bool ok = true;
      for (auto& h : hits) ok = ok && h == 1;
      CHECK(ok);
    }
  }
}

TEST(thread_pool_run_tasks_and_grain) {
  ThreadPool pool(4);
  std::vector<std::atomic<int>> hits(37);
  for (auto& h : hits) h = 0;
  pool.run(37, [&](int t) { hits[static_cast<size_t>(t)]++; });
  bool ok = true;
  for (auto& h : hits) ok = ok && h == 1;
  CHECK(ok);
  // grain: 10 items with grain 4 -> at most 3 chunks
  std::atomic<int> calls{0};
  pool.parallel_for(10, [&](int64_t, int64_t) { calls++; }, 4);
  CHECK(calls.load() <= 3);
}

TEST(thread_pool_nested_runs_inline) {
  ThreadPool pool(3);
  std::atomic<int64_t> sum{0};
  pool.parallel_for(6, [&](int64_t b, int64_t e) {
    for (int64_t i = b; i < e; ++i)
      pool.parallel_for(100, [&](int64_t b2, int64_t e2) {
        for (int64_t j = b2; j < e2; ++j) sum += j;
      });
  });
  CHECK(sum.load() == 6 * 4950);
}

TEST(thread_pool_concurrent_callers_and_many_pools) {
  ThreadPool shared(2);
  std::atomic<int64_t> total{0};
  auto worker = [&] {
    for (int r = 0; r < 200; ++r)
      shared.parallel_for(1000, [&](int64_t b, int64_t e) { total += e - b; });
  };
  std::thread t1(worker), t2(worker);
  t1.join();
  t2.join();
  CHECK(total.load() == 2 * 200 * 1000);
  // Create and destroy many pools, some never used.
  for (int i = 0; i < 20; ++i) {
    ThreadPool a(3), b(2);
    if (i % 2) a.parallel_for(50, [](int64_t, int64_t) {});
  }
  CHECK(true);
  // Repeated fork-join on one pool (exercise spin and sleep paths).
  ThreadPool p(2);
  int64_t acc = 0;
  for (int r = 0; r < 2000; ++r) {
    std::atomic<int64_t> s{0};
    p.parallel_for(64, [&](int64_t b, int64_t e) { s += e - b; });
    acc += s.load();
    if (r % 500 == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(acc == 2000 * 64);
}

// Subnormals are flushed inside the core (pool workers, and the caller while a guard lives) and kept
// outside it: the caller's thread is Node's.
TEST(flush_denormals_inside_the_core_only) {
  volatile float tiny = 1e-40f;  // subnormal
  CHECK(tiny * 1.0f != 0.0f);
  {
    const FlushDenormals flush;
    CHECK(tiny * 1.0f == 0.0f);
  }
  CHECK(tiny * 1.0f != 0.0f);
  ThreadPool pool(2);
  const std::thread::id caller = std::this_thread::get_id();
  std::atomic<int> arrived{0}, worker_flushed{-1};
  pool.run(2, [&](int) {
    arrived++;
    while (arrived.load() < 2) std::this_thread::yield();  // both tasks at once: one is the worker's
    if (std::this_thread::get_id() != caller) worker_flushed = tiny * 1.0f == 0.0f ? 1 : 0;
  });
  CHECK(worker_flushed.load() == 1);
}
