#include "Engine/WorkerPool.h"

#if defined(__x86_64__) || defined(__i386__)
 #include <immintrin.h>
#endif

namespace loopstage::engine
{
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
        {
            int rounds = 0;
            while (! job->finished())
            {
                if (job->runOne())
                    rounds = 0;
                else
                    idle (rounds);
            }
        }
        busy.fetch_sub (1);
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
    int rounds = 0;
    while (! job.finished())
    {
        if (job.runOne())
            rounds = 0;
        else
            idle (rounds);
    }
    current.store (nullptr);
    rounds = 0;
    while (busy.load() != 0)
        idle (rounds);
}

void WorkerPool::idle (int& rounds) const noexcept
{
    if (++rounds <= 64)
        return;
    if (waiting == Waiting::yield && rounds > 256)
        std::this_thread::yield();
    else
        spinPause();
}
} // namespace loopstage::engine
