/* Power-loss shim (issue 18): LD_PRELOAD'ed into a child process. After every successful fsync
 * or fdatasync it records what that call made durable, under $PLSIM_DIR:
 *   - a regular file: its whole content as ino-<inode> (written to a temporary, then renamed, so
 *     a kill during the copy leaves the previous durable content);
 *   - a directory: its listing as dir-<inode> ("<inode> <name>" per regular file).
 * After the child is killed, the parent rebuilds the folder as a power cut would have left it:
 * each name of the last synced listing with the content of its last fsync. Writes after the last
 * fsync are lost; so are renames and new files not followed by a directory fsync. */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int (*real_fsync)(int);
static int (*real_fdatasync)(int);

static int fd_path(int fd, char *out, size_t size) {
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, out, size - 1);
    if (n < 0) return -1;
    out[n] = 0;
    return 0;
}

static void publish(const char *tmp, const char *final) { rename(tmp, final); }

static void snap_file(int fd, const char *dir, const struct stat *st) {
    char src[PATH_MAX], tmp[PATH_MAX], final[PATH_MAX], buf[1 << 16];
    if (fd_path(fd, src, sizeof src)) return;
    int in = open(src, O_RDONLY);
    if (in < 0) return;
    snprintf(tmp, sizeof tmp, "%s/.tmp-%d", dir, (int)getpid());
    snprintf(final, sizeof final, "%s/ino-%lu", dir, (unsigned long)st->st_ino);
    int out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (out < 0) { close(in); return; }
    ssize_t n;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        if (write(out, buf, (size_t)n) != n) break;
    }
    close(in);
    close(out);
    publish(tmp, final);
}

static void snap_dir(int fd, const char *dir, const struct stat *st) {
    char path[PATH_MAX], tmp[PATH_MAX], final[PATH_MAX], entry[PATH_MAX];
    if (fd_path(fd, path, sizeof path)) return;
    DIR *d = opendir(path);
    if (!d) return;
    snprintf(tmp, sizeof tmp, "%s/.tmpdir-%d", dir, (int)getpid());
    snprintf(final, sizeof final, "%s/dir-%lu", dir, (unsigned long)st->st_ino);
    FILE *out = fopen(tmp, "w");
    if (!out) { closedir(d); return; }
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        struct stat est;
        snprintf(entry, sizeof entry, "%s/%s", path, e->d_name);
        if (lstat(entry, &est) == 0 && S_ISREG(est.st_mode))
            fprintf(out, "%lu %s\n", (unsigned long)est.st_ino, e->d_name);
    }
    closedir(d);
    fclose(out);
    publish(tmp, final);
}

static void snap(int fd) {
    const char *dir = getenv("PLSIM_DIR");
    struct stat st;
    if (!dir || fstat(fd, &st)) return;
    if (S_ISDIR(st.st_mode)) snap_dir(fd, dir, &st);
    else if (S_ISREG(st.st_mode)) snap_file(fd, dir, &st);
}

int fsync(int fd) {
    if (!real_fsync) real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    int r = real_fsync(fd);
    if (r == 0) snap(fd);
    return r;
}

int fdatasync(int fd) {
    if (!real_fdatasync) real_fdatasync = (int (*)(int))dlsym(RTLD_NEXT, "fdatasync");
    int r = real_fdatasync(fd);
    if (r == 0) snap(fd);
    return r;
}
