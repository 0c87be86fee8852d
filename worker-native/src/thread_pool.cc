#include "thread_pool.h"

#include "denormals.h"

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#if (defined(__x86_64__) || defined(__i386__) || defined(_M_X64) || defined(_M_IX86))
#include <immintrin.h>
#define LW_CPU_RELAX() _mm_pause()
#elif defined(__aarch64__) && (defined(__GNUC__) || defined(__clang__))
#define LW_CPU_RELAX() __asm__ __volatile__("yield")
#else
#define LW_CPU_RELAX() std::this_thread::yield()
#endif

namespace layerwise {

namespace {
constexpr int kSpinIterations = 4000;  // ~50-100 us of polling before blocking on a condition variable

// Polling step: a pause, and a yield now and then so an oversubscribed machine is not starved.
inline void relax(int i) {
  if ((i & 127) == 127) {
    std::this_thread::yield();
  } else {
    LW_CPU_RELAX();
  }
}
}

struct ThreadPool::Impl {
  std::vector<std::thread> workers;
  int worker_count = 0;  // fixed before any worker starts
  std::mutex mutex;
  std::condition_variable start_cv, done_cv;
  std::atomic<uint64_t> generation{0};
  std::atomic<int> done{0};
  std::atomic<int> next_task{0};
  std::atomic<bool> busy{false};
  std::atomic<bool> stop{false};
  // The current job (written by the caller before bumping generation).
  void (*call)(void*, int) = nullptr;
  void* ctx = nullptr;
  int tasks = 0;

  void drain() {
    for (;;) {
      const int t = next_task.fetch_add(1, std::memory_order_relaxed);
      if (t >= tasks) return;
      call(ctx, t);
    }
  }

  void worker_loop() {
    const FlushDenormals flush;  // workers run only the core's kernels
    uint64_t seen = 0;
    const int n = worker_count;
    for (;;) {
      uint64_t g = generation.load(std::memory_order_acquire);
      for (int i = 0; g == seen && i < kSpinIterations; ++i) {
        relax(i);
        g = generation.load(std::memory_order_acquire);
      }
      if (g == seen) {
        std::unique_lock<std::mutex> lock(mutex);
        start_cv.wait(lock, [&] { return stop.load(std::memory_order_acquire) || generation.load(std::memory_order_acquire) != seen; });
        if (stop.load(std::memory_order_acquire)) return;
        g = generation.load(std::memory_order_acquire);
      }
      if (stop.load(std::memory_order_acquire)) return;  // written before the generation bump
      seen = g;
      drain();
      if (done.fetch_add(1, std::memory_order_acq_rel) + 1 == n) {
        std::lock_guard<std::mutex> lock(mutex);
        done_cv.notify_one();
      }
    }
  }
};

ThreadPool::ThreadPool(int threads) {
  if (threads <= 0) threads = static_cast<int>(std::thread::hardware_concurrency());
  if (threads <= 0) threads = 1;
  size_ = threads;
  impl_ = new Impl();
  impl_->worker_count = threads - 1;
  impl_->workers.reserve(static_cast<size_t>(threads - 1));
  for (int i = 0; i < threads - 1; ++i) impl_->workers.emplace_back([this] { impl_->worker_loop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    impl_->stop.store(true, std::memory_order_release);
    impl_->generation.fetch_add(1, std::memory_order_acq_rel);
  }
  impl_->start_cv.notify_all();
  for (auto& w : impl_->workers) w.join();
  delete impl_;
}

void ThreadPool::run_impl(int tasks, void (*call)(void*, int), void* ctx) {
  if (tasks <= 0) return;
  Impl& s = *impl_;
  bool expected = false;
  if (tasks == 1 || s.worker_count == 0 ||
      !s.busy.compare_exchange_strong(expected, true, std::memory_order_acquire)) {
    for (int t = 0; t < tasks; ++t) call(ctx, t);  // inline: single task, no workers, or pool busy
    return;
  }
  const int n = s.worker_count;
  s.call = call;
  s.ctx = ctx;
  s.tasks = tasks;
  s.next_task.store(0, std::memory_order_relaxed);
  s.done.store(0, std::memory_order_relaxed);
  {
    std::lock_guard<std::mutex> lock(s.mutex);
    s.generation.fetch_add(1, std::memory_order_acq_rel);
  }
  s.start_cv.notify_all();
  s.drain();
  for (int i = 0; s.done.load(std::memory_order_acquire) != n && i < kSpinIterations; ++i) relax(i);
  if (s.done.load(std::memory_order_acquire) != n) {
    std::unique_lock<std::mutex> lock(s.mutex);
    s.done_cv.wait(lock, [&] { return s.done.load(std::memory_order_acquire) == n; });
  }
  s.busy.store(false, std::memory_order_release);
}

}  // namespace layerwise
