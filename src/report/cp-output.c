/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cp-error.h"
#include "cp-output.h"

#define ATTEMPTS 64
#define HEX_DIGITS 8
#define PART_SUFFIX ".part"
#define BUFFER_SIZE (64 * 1024)

struct _CpOutput
{
  char *out_path;
  char *temp_path;
  int fd;          /* written through; closed before the rename so that its errors count */
  int lock_fd;     /* a duplicate holding the flock() until the part is renamed or deleted */
  int write_errno; /* of the first failed write, or 0 */
  gsize used;
  guint8 buffer[BUFFER_SIZE];
};

/* Auxiliary functions */

static gboolean
set_write_error (GError **error, const char *out_path, int errno_value)
{
  if (errno_value == ENOSPC || errno_value == EDQUOT || errno_value == EFBIG)
    return cp_set_error (error, CP_ERROR_FAILED,
                         _("Cannot write “%s”: the disk is full or the file is too large for it. "
                           "Free some space or choose another folder."),
                         out_path);
  return cp_set_error (error, CP_ERROR_FAILED, _("Cannot write “%s”: %s."), out_path,
                       g_strerror (errno_value));
}

/* Whether @name is ".BASE.XXXXXXXX.part", the name cp_output_begin() gives a part of BASE. */
static gboolean
is_part_name (const char *name, const char *base)
{
  gsize base_len = strlen (base);

  if (name[0] != '.' || strncmp (name + 1, base, base_len) != 0 || name[1 + base_len] != '.')
    return FALSE;
  const char *hex = name + 2 + base_len;
  for (int i = 0; i < HEX_DIGITS; i++)
    if (!g_ascii_isdigit (hex[i]) && !(hex[i] >= 'a' && hex[i] <= 'f'))
      return FALSE;
  return g_str_equal (hex + HEX_DIGITS, PART_SUFFIX);
}

static gboolean
same_file (int fd, const char *path)
{
  struct stat by_fd, by_path;

  return fstat (fd, &by_fd) == 0 && g_lstat (path, &by_path) == 0
         && by_fd.st_dev == by_path.st_dev && by_fd.st_ino == by_path.st_ino;
}

/* Deletes the part at @path if it is a regular file that no live writer holds locked. */
static void
remove_if_stale (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0);
  struct stat st;

  if (fd < 0)
    return;
  if (fstat (fd, &st) == 0 && S_ISREG (st.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0
      && same_file (fd, path))
    g_unlink (path);
  close (fd);
}

static void
remove_stale_parts (const char *dir, const char *base)
{
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    if (is_part_name (name, base))
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);
        remove_if_stale (path);
      }
}

/* Creates @path and locks it; FALSE with errno set when either fails. A part that someone
 * else removed between our open() and flock() does not count as ours (errno EEXIST: retry). */
static gboolean
create_part (CpOutput *output, const char *path)
{
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);

  if (fd < 0)
    return FALSE;
  if (flock (fd, LOCK_EX | LOCK_NB) != 0 || !same_file (fd, path))
    {
      close (fd);
      errno = EEXIST;
      return FALSE;
    }
  output->fd = fd;
  output->lock_fd = fcntl (fd, F_DUPFD_CLOEXEC, 0);
  return TRUE;
}

static void
flush_buffer (CpOutput *output)
{
  gsize done = 0;

  while (done < output->used && output->write_errno == 0)
    {
      gssize n = write (output->fd, output->buffer + done, output->used - done);
      if (n >= 0)
        done += (gsize) n;
      else if (errno != EINTR)
        output->write_errno = errno;
    }
  output->used = 0;
}

static void
output_free (CpOutput *output)
{
  if (output->fd >= 0)
    close (output->fd);
  if (output->lock_fd >= 0)
    close (output->lock_fd);
  g_free (output->out_path);
  g_free (output->temp_path);
  g_free (output);
}

/* Public API */

CpOutput *
cp_output_begin (const char *out_path, GError **error)
{
  g_return_val_if_fail (out_path != NULL, NULL);

  g_autofree char *dir = g_path_get_dirname (out_path);
  g_autofree char *base = g_path_get_basename (out_path);
  CpOutput *output = g_new0 (CpOutput, 1);
  int saved_errno = EEXIST;

  output->fd = output->lock_fd = -1;
  output->out_path = g_strdup (out_path);
  remove_stale_parts (dir, base);
  for (int attempt = 0; attempt < ATTEMPTS && saved_errno == EEXIST; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x" PART_SUFFIX, base, g_random_int ());
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (create_part (output, path))
        {
          output->temp_path = g_steal_pointer (&path);
          return output;
        }
      saved_errno = errno;
    }
  output_free (output);
  cp_set_error (error, CP_ERROR_FAILED, _("Cannot write “%s”: %s."), out_path,
                g_strerror (saved_errno));
  return NULL;
}

const char *
cp_output_get_temp_path (CpOutput *output)
{
  g_return_val_if_fail (output != NULL, NULL);
  return output->temp_path;
}

cairo_status_t
cp_output_write (void *closure, const unsigned char *data, unsigned int length)
{
  CpOutput *output = closure;

  if (output->write_errno == 0 && output->used + length > BUFFER_SIZE)
    flush_buffer (output);
  if (output->write_errno != 0)
    return CAIRO_STATUS_WRITE_ERROR;
  if (length <= BUFFER_SIZE)
    {
      memcpy (output->buffer + output->used, data, length);
      output->used += length;
      return CAIRO_STATUS_SUCCESS;
    }
  for (gsize done = 0; done < length && output->write_errno == 0;)
    {
      gssize n = write (output->fd, data + done, length - done);
      if (n >= 0)
        done += (gsize) n;
      else if (errno != EINTR)
        output->write_errno = errno;
    }
  return output->write_errno == 0 ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
cp_output_finish (CpOutput *output, gboolean ok, GError **error)
{
  g_return_val_if_fail (output != NULL, FALSE);

  if (ok)
    flush_buffer (output);
  if (close (output->fd) != 0 && ok && output->write_errno == 0)
    output->write_errno = errno;
  output->fd = -1;
  if (output->write_errno != 0)
    {
      if (error == NULL || *error == NULL)
        set_write_error (error, output->out_path, output->write_errno);
      ok = FALSE;
    }
  if (ok && g_rename (output->temp_path, output->out_path) != 0)
    ok = set_write_error (error, output->out_path, errno);
  if (!ok)
    g_unlink (output->temp_path);
  output_free (output);
  return ok;
}

cairo_status_t
cp_output_close_surface (cairo_t *cr, cairo_surface_t *surface, cairo_status_t status)
{
  cairo_status_t drawn = cairo_status (cr);

  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (drawn != CAIRO_STATUS_SUCCESS)
    status = drawn;
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  return status;
}

gboolean
cp_output_finish_cairo (CpOutput *output, cairo_status_t status, GError **error)
{
  g_return_val_if_fail (output != NULL, FALSE);

  if (output->write_errno == 0 && status != CAIRO_STATUS_SUCCESS)
    {
      cp_set_error (error, CP_ERROR_FAILED, _("Cannot write “%s”: %s."), output->out_path,
                    cairo_status_to_string (status));
      return cp_output_finish (output, FALSE, error);
    }
  return cp_output_finish (output, TRUE, error);
}
