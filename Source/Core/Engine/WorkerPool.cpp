#include "Engine/WorkerPool.h"

#include <climits>
#include <ctime>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>
#if defined(__x86_64__) || defined(__i386__)
 #include <immintrin.h>
#endif

namespace loopstage::engine
{
namespace
{
    void futexWait (std::atomic<std::uint32_t>& word, std::uint32_t seen) noexcept
    {
        // A bounded sleep: a lost wake-up could only cost this much, never a hang.
        const timespec timeout { 0, 2'000'000 };
        syscall (SYS_futex, reinterpret_cast<std::uint32_t*> (&word), FUTEX_WAIT_PRIVATE, seen, &timeout, nullptr, 0);
    }

    void futexWakeAll (std::atomic<std::uint32_t>& word) noexcept
    {
        syscall (SYS_futex, reinterpret_cast<std::uint32_t*> (&word), FUTEX_WAKE_PRIVATE, INT_MAX, nullptr, nullptr, 0);
    }
} // namespace

void spinPause() noexcept
{
#if defined(__x86_64__) || defined(__i386__)
    _mm_pause();
#else
    std::this_thread::yield();
#endif
}

WorkerPool::WorkerPool (int workers, std::function<void()> threadStarted, Waiting w) : waiting (w)
{
    sem_init (&wake, 0, 0);
    for (int i = 0; i < workers; ++i)
        threads.emplace_back ([this, threadStarted] { workerLoop (threadStarted); });
}

WorkerPool::~WorkerPool()
{
    quitting.store (true);
    for (size_t i = 0; i < threads.size(); ++i)
        sem_post (&wake);
    for (auto& t : threads)
        t.join();
    sem_destroy (&wake);
}

void WorkerPool::workerLoop (const std::function<void()>& threadStarted)
{
    if (threadStarted)
        threadStarted();
    for (;;)
    {
        while (sem_wait (&wake) != 0)
        {
        }
        if (quitting.load())
            return;
        // busy before reading the job: run() waits for busy == 0 after clearing `current`, so a
        // worker either sees no job or is waited for (both seq_cst).
        busy.fetch_add (1);
        if (ParallelJob* job = current.load())
            drain (*job);
        busy.fetch_sub (1);
    }
}

void WorkerPool::drain (ParallelJob& job) noexcept
{
    int rounds = 0;
    while (! job.finished())
    {
        if (job.runOne())
        {
            rounds = 0;
            completed();
            continue;
        }
        if (! spinOnce (rounds))
            continue;
        // Offline, nothing ready for a while: sleep until another thread completes something.
        // Counted in first, the word read, then one more look: work that became ready before
        // the read is found by that look, a completion after it makes the wait return at once.
        sleepers.fetch_add (1);
        const auto seen = progress.load();
        const bool found = job.runOne();
        if (! found && ! job.finished())
            futexWait (progress, seen);
        sleepers.fetch_sub (1);
        if (found)
        {
            rounds = 0;
            completed();
        }
    }
}

void WorkerPool::run (ParallelJob& job) noexcept
{
    if (threads.empty())
    {
        while (! job.finished())
            job.runOne();
        return;
    }
    current.store (&job);
    for (size_t i = 0; i < threads.size(); ++i)
        sem_post (&wake);
    drain (job);
    current.store (nullptr);
    // The workers only have to notice the job is finished.
    while (busy.load() != 0)
        spinPause();
}

void WorkerPool::completed() noexcept
{
    if (waiting == Waiting::spin)
        return;
    // seq_cst on both sides (here: bump, then look for sleepers; in idle(): count in, then read
    // the word, then look for work): either we see the sleeper, or it sees the bump.
    progress.fetch_add (1);
    if (sleepers.load() > 0)
        futexWakeAll (progress);
}

bool WorkerPool::spinOnce (int& rounds) noexcept
{
    if (++rounds <= 64)
        return false;
    if (waiting == Waiting::spin || rounds <= 256)
    {
        spinPause();
        return false;
    }
    return true;
}
} // namespace loopstage::engine
