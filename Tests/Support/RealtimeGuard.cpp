#include "Support/RealtimeGuard.h"

#include <atomic>
#include <cstdlib>
#include <dlfcn.h>
#include <new>
#include <pthread.h>

extern "C"
{
    void* __libc_malloc (size_t);
    void* __libc_calloc (size_t, size_t);
    void* __libc_realloc (void*, size_t);
    void* __libc_memalign (size_t, size_t);
    void __libc_free (void*);
}

namespace
{
thread_local bool realtimeThread = false;
std::atomic<bool> armed { false };
std::atomic<std::uint64_t> allocations { 0 }, frees { 0 }, locks { 0 };

inline void count (std::atomic<std::uint64_t>& counter) noexcept
{
    if (realtimeThread && armed.load (std::memory_order_relaxed))
        counter.fetch_add (1, std::memory_order_relaxed);
}
} // namespace

namespace loopstage::test
{
void armRealtimeGuard() noexcept
{
    allocations = 0;
    frees = 0;
    locks = 0;
    armed.store (true);
}

RealtimeViolations disarmRealtimeGuard() noexcept
{
    armed.store (false);
    return { allocations.load(), frees.load(), locks.load() };
}

void markThreadRealtime() noexcept { realtimeThread = true; }

RealtimeScope::RealtimeScope() noexcept : was (realtimeThread) { realtimeThread = true; }
RealtimeScope::~RealtimeScope() noexcept { realtimeThread = was; }
} // namespace loopstage::test

extern "C"
{
    void* malloc (size_t size)
    {
        count (allocations);
        return __libc_malloc (size);
    }
    void* calloc (size_t n, size_t size)
    {
        count (allocations);
        return __libc_calloc (n, size);
    }
    void* realloc (void* p, size_t size)
    {
        count (allocations);
        return __libc_realloc (p, size);
    }
    void free (void* p)
    {
        if (p != nullptr)
            count (frees);
        __libc_free (p);
    }
    int posix_memalign (void** out, size_t alignment, size_t size)
    {
        count (allocations);
        *out = __libc_memalign (alignment, size);
        return *out != nullptr ? 0 : 12;
    }
    void* aligned_alloc (size_t alignment, size_t size)
    {
        count (allocations);
        return __libc_memalign (alignment, size);
    }

    int pthread_mutex_lock (pthread_mutex_t* mutex)
    {
        using Fn = int (*) (pthread_mutex_t*);
        static Fn real = (Fn) dlsym (RTLD_NEXT, "pthread_mutex_lock");
        count (locks);
        return real (mutex);
    }
}

void* operator new (size_t size)
{
    count (allocations);
    if (void* p = __libc_malloc (size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
void* operator new[] (size_t size) { return operator new (size); }
void* operator new (size_t size, const std::nothrow_t&) noexcept
{
    count (allocations);
    return __libc_malloc (size == 0 ? 1 : size);
}
void* operator new[] (size_t size, const std::nothrow_t& t) noexcept { return operator new (size, t); }
void* operator new (size_t size, std::align_val_t a)
{
    count (allocations);
    if (void* p = __libc_memalign ((size_t) a, size == 0 ? 1 : size))
        return p;
    throw std::bad_alloc();
}
void* operator new[] (size_t size, std::align_val_t a) { return operator new (size, a); }
void operator delete (void* p) noexcept
{
    if (p != nullptr)
        count (frees);
    __libc_free (p);
}
void operator delete[] (void* p) noexcept { operator delete (p); }
void operator delete (void* p, size_t) noexcept { operator delete (p); }
void operator delete[] (void* p, size_t) noexcept { operator delete (p); }
void operator delete (void* p, std::align_val_t) noexcept { operator delete (p); }
void operator delete[] (void* p, std::align_val_t) noexcept { operator delete (p); }
void operator delete (void* p, size_t, std::align_val_t) noexcept { operator delete (p); }
void operator delete[] (void* p, size_t, std::align_val_t) noexcept { operator delete (p); }
