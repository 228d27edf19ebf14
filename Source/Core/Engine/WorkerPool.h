#pragma once
/** Threads that help the audio thread process one block of a graph in parallel.

    The calling (audio) thread posts a job, wakes the workers with a semaphore (sem_post: no lock,
    no allocation) and works on the job itself; workers pull ready nodes from the job's lock-free
    queue. Between blocks workers sleep on the semaphore. Inside a block, a thread that finds
    nothing ready spins briefly; live that is all it does (a block lasts a few ms and a sleeping
    thread wakes too late), offline it then sleeps on a futex until another thread finishes a
    unit of work (which may have made one ready) or the job ends. run() returns once the job is
    finished and every worker has let go of it, so the job (a graph snapshot) may be retired
    right after. With zero workers, run() just does the whole job on the calling thread.
*/
#include <atomic>
#include <cstdint>
#include <functional>
#include <semaphore.h>
#include <thread>
#include <vector>

namespace loopstage::engine
{
/** Work shared by the threads for one block. */
class ParallelJob
{
public:
    virtual ~ParallelJob() = default;
    /** Does one unit of work if one is ready; false when none was. @realtime */
    virtual bool runOne() noexcept = 0;
    /** True once every unit of the block is done. @realtime */
    virtual bool finished() const noexcept = 0;
};

class WorkerPool
{
public:
    /** How a thread waits inside a job for work another thread is finishing. */
    enum class Waiting
    {
        spin,    ///< live: a block lasts a few ms and a sleeping thread wakes too late
        sleep    ///< offline: after a short spin, sleep until there may be work (the thread
                 ///< we wait for may need the core: on a loaded or virtual machine spinning,
                 ///< and even sched_yield, starves it)
    };

    /** `workers` helper threads (0: single-threaded). `threadStarted` runs first on each worker
        (tests use it to install their real-time guards). Not realtime. */
    explicit WorkerPool (int workers, std::function<void()> threadStarted = {}, Waiting waiting = Waiting::spin);
    ~WorkerPool();
    WorkerPool (const WorkerPool&) = delete;
    WorkerPool& operator= (const WorkerPool&) = delete;

    int workers() const noexcept { return (int) threads.size(); }

    /** Runs `job` to completion on the calling thread and the workers. @realtime */
    void run (ParallelJob& job) noexcept;

private:
    std::vector<std::thread> threads;
    sem_t wake;
    std::atomic<ParallelJob*> current { nullptr };
    std::atomic<int> busy { 0 };
    std::atomic<bool> quitting { false };
    Waiting waiting;
    // Offline sleeping: a futex word bumped whenever a unit of work completes, and how many
    // threads sleep on it (the bump wakes them only then: no system call otherwise).
    std::atomic<std::uint32_t> progress { 0 };
    std::atomic<int> sleepers { 0 };

    /** One round of waiting for work; true once it is time to sleep (offline only). @realtime */
    bool spinOnce (int& rounds) noexcept;
    /** A unit of work completed: wakes sleeping threads. @realtime */
    void completed() noexcept;
    /** Runs `job` on this thread until it is finished. @realtime when waiting is spin. */
    void drain (ParallelJob& job) noexcept;

    void workerLoop (const std::function<void()>& threadStarted);
};

/** A CPU hint inside spin-waits. @realtime */
void spinPause() noexcept;
} // namespace loopstage::engine
