// File-system helpers that keep outputs consistent: atomic writes (temporary file in the same
// folder, flushed, then renamed over the target) and folder creation.
#ifndef SCRX_BASE_FILES_H_
#define SCRX_BASE_FILES_H_

#include <string>
#include <string_view>

#include "base/status.h"

namespace scrx {

// Writes `data` to `path` so that readers see the old file or the complete new one, never a
// part: it writes "<path>.tmp.<pid>", syncs it and renames it over `path`; on any error the
// temporary file is removed. Creates missing parent folders. Errors name the path (disk full,
// permission denied).
Status WriteFileAtomic(const std::string& path, std::string_view data);

// The two halves of WriteFileAtomic, for a writer that is not the one to decide whether the
// file is kept (a worker process writes, the process that records the result commits):
// WriteFileTemp writes and syncs "<path>.tmp.<pid>" and returns its name in `*tmp`;
// CommitFile renames it over `path`. Both remove the temporary file on error.
Status WriteFileTemp(const std::string& path, std::string_view data, std::string* tmp);
Status CommitFile(const std::string& tmp, const std::string& path);

// Creates `dir` and its parents when missing.
Status MakeDirs(const std::string& dir);

// Reads a whole file.
Status ReadFile(const std::string& path, std::string* out);

}  // namespace scrx

#endif  // SCRX_BASE_FILES_H_
