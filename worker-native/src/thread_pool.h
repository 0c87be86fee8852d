// A fixed-size thread pool with a fork-join parallel_for. The calling thread takes part, so a pool of
// size T owns T-1 worker threads and never runs more than T threads at once. No allocation per call
// (callables are passed by pointer, not wrapped in std::function). A nested or concurrent call on a
// pool that is already busy runs inline on the calling thread instead of oversubscribing or
// deadlocking. Several pools may coexist (one per model); destroying a pool joins its workers.
#pragma once
#include <cstdint>
#include <type_traits>
#include <utility>

namespace layerwise {

class ThreadPool {
 public:
  /** threads: total threads including the caller; <= 0 means std::thread::hardware_concurrency(). */
  explicit ThreadPool(int threads = 0);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  /** Total threads that run tasks (workers + the caller). */
  int size() const { return size_; }

  /** Runs fn(task) for every task in [0, tasks), each exactly once, spread over the threads; returns
   *  when all are done. fn must not throw. */
  template <class F>
  void run(int tasks, F&& fn) {
    using Fn = typename std::remove_reference<F>::type;
    run_impl(tasks, [](void* ctx, int t) { (*static_cast<Fn*>(ctx))(t); }, const_cast<void*>(static_cast<const void*>(&fn)));
  }

  /** Ranges per thread that parallel_for and the batch-splitting kernels aim for: threads claim them as
   *  they come free, so a thread the OS descheduled (a busy page on the same cores) delays one small
   *  range, not half the work while the others wait at the join. */
  static constexpr int kTasksPerThread = 4;

  /** Splits [0, n) into at most size() * kTasksPerThread contiguous ranges of at least `grain` items
   *  (the split depends only on n, grain and size()) and calls fn(begin, end) for each. */
  template <class F>
  void parallel_for(int64_t n, F&& fn, int64_t grain = 1) {
    if (n <= 0) return;
    if (grain < 1) grain = 1;
    int64_t chunks = (n + grain - 1) / grain;
    const int64_t most = size_ == 1 ? 1 : static_cast<int64_t>(size_) * kTasksPerThread;
    if (chunks > most) chunks = most;
    if (chunks <= 1) {
      fn(int64_t(0), n);
      return;
    }
    const int64_t c = chunks;
    run(static_cast<int>(c), [&](int t) { fn(n * t / c, n * (t + 1) / c); });
  }

 private:
  struct Impl;
  void run_impl(int tasks, void (*call)(void*, int), void* ctx);
  int size_ = 1;
  Impl* impl_ = nullptr;
};

/** parallel_for over an optional pool: serial when pool is null. */
template <class F>
inline void parallel_for(ThreadPool* pool, int64_t n, F&& fn, int64_t grain = 1) {
  if (n <= 0) return;
  if (pool) {
    pool->parallel_for(n, std::forward<F>(fn), grain);
  } else {
    fn(int64_t(0), n);
  }
}

/** Threads a kernel may use through an optional pool. */
inline int pool_threads(const ThreadPool* pool) { return pool ? pool->size() : 1; }

}  // namespace layerwise
