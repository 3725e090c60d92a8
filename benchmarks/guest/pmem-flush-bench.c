/*
 * pmem-flush-bench: 4 KiB write + fsync latency in the test guest, without a tool's own cost
 * (xfs_io under TCG costs more than the FLUSH it measures). Built static on the host by
 * itests/guest/build-guest.sh (gcc -static -O2) into the guest image as /usr/bin/pmem-flush-bench.
 *
 *   pmem-flush-bench MODE PATH OPS WRITERS
 *     MODE     file: PATH is a file on DAX ext4; each writer overwrites its own 16-block region
 *              raw:  PATH is the block device (/dev/pmem0); each writer its own 16 blocks at 1 MiB * w
 *     OPS      pwrite(4 KiB) + fsync pairs per writer
 *     WRITERS  processes (fork), all started together
 *
 * Prints one line (the guest's result format):
 *   EMUHOST-RESULT cbench=MODE writers=W ops=N median_us=.. p99_us=.. ops_per_s=..
 * median and p99 over every op of every writer; ops/s = all ops / wall time of the slowest writer.
 * Exit status 0, or 1 with a message on stderr.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define BLOCK 4096
#define REGION_BLOCKS 16
#define MAX_WRITERS 64

static long long now_ns(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static int cmp_ll(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return (x > y) - (x < y);
}

/* one writer: OPS timed pwrite+fsync pairs into lat[0..ops), start/end times into span[0..1] */
static int writer(int fd, off_t base, long ops, long long *lat, long long *span) {
  static char buf[BLOCK] __attribute__((aligned(BLOCK)));
  memset(buf, 0xa5, sizeof buf);
  span[0] = now_ns();
  for (long i = 0; i < ops; i++) {
    long long t0 = now_ns();
    buf[0] = (char)i;
    if (pwrite(fd, buf, BLOCK, base + (i % REGION_BLOCKS) * BLOCK) != BLOCK) { perror("pwrite"); return 1; }
    if (fsync(fd) != 0) { perror("fsync"); return 1; }
    lat[i] = now_ns() - t0;
  }
  span[1] = now_ns();
  return 0;
}

int main(int argc, char **argv) {
  if (argc != 5) { fprintf(stderr, "usage: %s file|raw PATH OPS WRITERS\n", argv[0]); return 1; }
  const char *mode = argv[1], *path = argv[2];
  long ops = atol(argv[3]), writers = atol(argv[4]);
  int raw = strcmp(mode, "raw") == 0;
  if ((!raw && strcmp(mode, "file") != 0) || ops < 1 || writers < 1 || writers > MAX_WRITERS) {
    fprintf(stderr, "bad arguments (MODE file|raw, OPS >= 1, 1 <= WRITERS <= %d)\n", MAX_WRITERS);
    return 1;
  }
  size_t n = (size_t)ops * writers;
  /* shared with the children: latencies, then 2 timestamps per writer */
  long long *lat = mmap(NULL, (n + 2 * writers) * sizeof *lat, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (lat == MAP_FAILED) { perror("mmap"); return 1; }
  long long *span = lat + n;
  int fd = open(path, O_RDWR | (raw ? 0 : O_CREAT), 0644);
  if (fd < 0) { perror(path); return 1; }
  off_t stride = raw ? (off_t)1 << 20 : (off_t)REGION_BLOCKS * BLOCK;
  if (!raw) { /* preallocate: overwrites, not appends (no block allocation in the loop) */
    static char z[BLOCK];
    for (off_t o = 0; o < stride * writers; o += BLOCK)
      if (pwrite(fd, z, BLOCK, o) != BLOCK) { perror("prealloc"); return 1; }
    if (fsync(fd) != 0) { perror("fsync"); return 1; }
  }
  for (long w = 0; w < writers; w++) {
    pid_t p = fork();
    if (p < 0) { perror("fork"); return 1; }
    if (p == 0) _exit(writer(fd, stride * w, ops, lat + w * ops, span + 2 * w));
  }
  int failed = 0, st;
  while (wait(&st) > 0) failed |= !WIFEXITED(st) || WEXITSTATUS(st) != 0;
  if (failed) { fprintf(stderr, "a writer failed\n"); return 1; }
  long long first = span[0], last = span[1];
  for (long w = 1; w < writers; w++) {
    if (span[2 * w] < first) first = span[2 * w];
    if (span[2 * w + 1] > last) last = span[2 * w + 1];
  }
  qsort(lat, n, sizeof *lat, cmp_ll);
  printf("EMUHOST-RESULT cbench=%s writers=%ld ops=%zu median_us=%.1f p99_us=%.1f ops_per_s=%.1f\n",
         mode, writers, n, lat[n / 2] / 1e3, lat[(n * 99) / 100] / 1e3, n * 1e9 / (double)(last - first));
  return 0;
}
