/*
** xapian_shards.cc — sharded Xapian databases for the wrapper.
**
** A sharded database is a directory holding one Xapian database per shard
** (shard0/, shard1/, ...) and a stub file, XAPIANDB, in Xapian's own stub
** format ("auto shard0" per line).  Xapian opens such a directory as one
** database whose document ids interleave the shards: document d of shard
** k (of n) is document (d - 1) * n + k + 1 of the whole.  Writers route
** each document by that rule, so the combined id stays the store's row
** id, and a stub listing the same shards served elsewhere ("remote
** HOST:PORT") answers with the same ids.
**
** Writing opens each shard as a WritableDatabase of its own, so that one
** thread per shard can write (index_pipeline.c); the set's handle combines
** them for reading.
**
** The spelling data (titles' words, for "did you mean") are in a database
** of their own beside the shards, spelling/, which the stub does not
** list: Xapian merges the spelling tables of several shards otherwise
** than one table (suggestions would change with the shard count), and a
** remote shard serves none.  A front searching remote shards keeps a
** copy of spelling/ beside its stub.
**
** Errors are exceptions here, mapped by guard() in the callers.
*/
#include <cerrno>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

#include "xapian_internal.h"

namespace {

const char STUB_NAME[] = "XAPIANDB";
const char SPELLING_NAME[] = "spelling";

std::string shard_name(unsigned k)
{
    return "shard" + std::to_string(k);
}

std::string join(const std::string &dir, const std::string &name)
{
    return dir + "/" + name;
}

/* The shard directories a writer's stub lists, in order.  Only "auto
** NAME" lines naming a directory beside the stub belong to a set this
** module wrote; anything else (a remote shard) cannot be written here. */
std::vector<std::string> read_stub(const std::string &dir)
{
    std::ifstream in(join(dir, STUB_NAME));
    if (!in)
        throw Xapian::DatabaseOpeningError("cannot read " +
                                           join(dir, STUB_NAME));
    std::vector<std::string> names;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line[0] == '#')
            continue;
        if (line.compare(0, 5, "auto ") != 0 ||
            line.find('/') != std::string::npos)
            throw Xapian::DatabaseOpeningError(
                join(dir, STUB_NAME) + ": '" + line + "' is not a local "
                "shard of this index (only 'auto shardN' lines can be "
                "written)");
        names.push_back(line.substr(5));
    }
    if (names.empty())
        throw Xapian::DatabaseOpeningError(join(dir, STUB_NAME) +
                                           " lists no shard");
    return names;
}

/* Written under a temporary name and renamed: a reader never sees half a
** stub. */
void write_stub(const std::string &dir, unsigned n)
{
    std::string tmp = join(dir, std::string(STUB_NAME) + ".tmp");
    {
        std::ofstream out(tmp, std::ios::trunc);
        for (unsigned k = 0; k < n; k++)
            out << "auto " << shard_name(k) << "\n";
        out.flush();
        if (!out)
            throw Xapian::DatabaseCreateError("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), join(dir, STUB_NAME).c_str()) != 0)
        throw Xapian::DatabaseCreateError("cannot write " +
                                          join(dir, STUB_NAME));
}

/* Fills the set's handle h from its shards' writers; the last of them
** is the spelling database. */
void assemble(px_xdb *h, std::vector<Xapian::WritableDatabase> &shards)
{
    unsigned n = static_cast<unsigned>(shards.size()) - 1;
    h->parts = new px_xdb *[n + 1]();
    h->nshards = n;
    h->wdb = new Xapian::WritableDatabase();
    for (unsigned k = 0; k <= n; k++) {
        h->parts[k] = new px_xdb{nullptr, nullptr};
        h->parts[k]->wdb = new Xapian::WritableDatabase(shards[k]);
        h->parts[k]->db = h->parts[k]->wdb;
        h->parts[k]->nshards = n;
        h->parts[k]->shard = k;
        h->parts[k]->is_part = true;
        if (k < n)
            h->wdb->add_database(shards[k]);
    }
    h->db = h->wdb;
    h->spell = h->parts[n]->wdb;
}

}  // namespace

bool pxw::is_sharded(const char *path)
{
    struct stat sb;
    return stat(join(path, STUB_NAME).c_str(), &sb) == 0;
}

bool pxw::names_remote(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return false;
    std::ifstream in(S_ISDIR(sb.st_mode) ? join(path, STUB_NAME) : path);
    std::string line;
    while (in && std::getline(in, line))
        if (line.compare(0, 7, "remote ") == 0)
            return true;
    return false;
}

px_xdb *pxw::read_handle(const char *path, Xapian::Database *db)
{
    px_xdb *h = new px_xdb{db, nullptr};
    try {
        h->remote = names_remote(path);
        open_spelling(path, h);
    } catch (...) {
        delete h->db;
        delete h;
        throw;
    }
    return h;
}

void pxw::open_set(const char *path, int action, px_xdb *h)
{
    std::vector<Xapian::WritableDatabase> shards;
    for (const std::string &name : read_stub(path))
        shards.emplace_back(join(path, name), action);
    shards.emplace_back(join(path, SPELLING_NAME), Xapian::DB_CREATE_OR_OPEN);
    assemble(h, shards);
}

void pxw::create_set(const char *path, unsigned n, px_xdb *h)
{
    if (mkdir(path, 0777) != 0 && errno != EEXIST)
        throw Xapian::DatabaseCreateError(std::string("cannot create ") +
                                          path);
    std::vector<Xapian::WritableDatabase> shards;
    for (unsigned k = 0; k < n; k++)
        shards.emplace_back(join(path, shard_name(k)),
                            Xapian::DB_CREATE_OR_OVERWRITE);
    shards.emplace_back(join(path, SPELLING_NAME),
                        Xapian::DB_CREATE_OR_OVERWRITE);
    write_stub(path, n);
    assemble(h, shards);
}

void pxw::close_set(px_xdb *h)
{
    for (unsigned k = 0; k <= h->nshards; k++) {
        try {
            h->parts[k]->wdb->close();
        } catch (...) {
        }
        delete h->parts[k]->wdb;
        delete h->parts[k];
    }
    delete[] h->parts;
    h->parts = nullptr;
    h->spell = nullptr;
}

void pxw::discard(px_xdb *h)
{
    if (h->parts)
        close_set(h);
    delete h->wdb;
    delete h;
}

void pxw::open_spelling(const char *path, px_xdb *h)
{
    struct stat sb;
    std::string spath = join(path, SPELLING_NAME);
    if (stat(spath.c_str(), &sb) == 0 && S_ISDIR(sb.st_mode))
        h->spell = new Xapian::Database(spath);
}

void pxw::compact_set(const char *src, const char *dst)
{
    std::vector<std::string> names = read_stub(src);
    if (mkdir(dst, 0777) != 0)
        throw Xapian::DatabaseCreateError(std::string("cannot create ") +
                                          dst);
    /* Each shard on its own: compacting the combined database would
    ** merge the shards into one and renumber nothing, losing the set. */
    names.push_back(SPELLING_NAME);
    for (const std::string &name : names) {
        Xapian::Database shard(join(src, name));
        shard.compact(join(dst, name), Xapian::DBCOMPACT_NO_RENUMBER);
    }
    names.pop_back();
    write_stub(dst, static_cast<unsigned>(names.size()));
}

Xapian::WritableDatabase &pxw::route(px_xdb *db, unsigned *docid)
{
    if (db->nshards > 1) {
        unsigned k = (*docid - 1) % db->nshards;
        if (db->is_part && k != db->shard)
            throw Xapian::InvalidArgumentError(
                "document " + std::to_string(*docid) + " belongs to shard " +
                std::to_string(k) + ", not " + std::to_string(db->shard));
        px_xdb *part = db->is_part ? db : db->parts[k];
        *docid = (*docid - 1) / db->nshards + 1;
        return *part->wdb;
    }
    if (!db->wdb)
        throw Xapian::InvalidOperationError("database is open read-only");
    return *db->wdb;
}

namespace {

/* The stub file of a read handle's path (a stub file, or a directory
** holding XAPIANDB); "" when there is none. */
std::string stub_file(const char *path)
{
    struct stat sb;
    if (stat(path, &sb) != 0)
        return "";
    std::string f = S_ISDIR(sb.st_mode) ? join(path, STUB_NAME) : path;
    return stat(f.c_str(), &sb) == 0 && S_ISREG(sb.st_mode) ? f : "";
}

/* Opens the stub's shards one by one into db; a remote shard that does
** not answer is replaced by an empty database, which keeps the others'
** document ids, and named in `missing`.  False for a stub line this does
** not know (the caller opens it whole instead). */
bool open_partial(const std::string &stub, Xapian::Database &db,
                  std::vector<std::string> &missing)
{
    std::ifstream in(stub);
    std::string dir = stub.substr(0, stub.rfind('/') + 1), line;
    std::vector<std::string> lines;
    while (std::getline(in, line))
        if (!line.empty() && line[0] != '#')
            lines.push_back(line);
    for (const std::string &l : lines) {
        size_t colon = l.rfind(':');
        if (l.compare(0, 5, "auto ") == 0) {
            std::string p = l.substr(5);
            db.add_database(Xapian::Database(p[0] == '/' ? p : dir + p));
        } else if (l.compare(0, 7, "remote ") == 0 && l[7] != ':' &&
                   colon != std::string::npos && colon > 7) {
            std::string host = l.substr(7, colon - 7);
            unsigned port = static_cast<unsigned>(
                std::strtoul(l.c_str() + colon + 1, nullptr, 10));
            try {
                db.add_database(Xapian::Remote::open(host, port));
            } catch (const Xapian::NetworkError &) {
                missing.push_back(host + ":" + std::to_string(port));
                db.add_database(Xapian::WritableDatabase(
                    std::string(), Xapian::DB_BACKEND_INMEMORY));
            }
        } else {
            return false;
        }
    }
    return !lines.empty();
}

}  // namespace

/* ---- the C API ---------------------------------------------------- */

px_status px_xdb_open_partial(const char *path, px_xdb **out, char **missing,
                              px_err *err)
{
    *missing = nullptr;
    std::string stub = stub_file(path);
    if (stub.empty())
        return px_xdb_open_read(path, out, err);
    return pxw::guard(err, path, [&] {
        std::vector<std::string> gone;
        Xapian::Database *db = new Xapian::Database();
        try {
            if (!open_partial(stub, *db, gone)) {
                delete db;
                db = nullptr;         /* a line this cannot open alone */
                gone.clear();
                db = new Xapian::Database(path);
            }
        } catch (...) {
            delete db;
            throw;
        }
        std::string list;
        for (const std::string &g : gone)
            list += (list.empty() ? "" : ", ") + g;
        char *names = nullptr;
        try {
            names = gone.empty() ? nullptr : pxw::dup_string(list);
        } catch (...) {
            delete db;
            throw;
        }
        try {
            *out = pxw::read_handle(path, db);
        } catch (...) {
            std::free(names);
            throw;
        }
        *missing = names;
    });
}

px_status px_xdb_create_sharded(const char *path, unsigned n, px_xdb **out,
                                px_err *err)
{
    if (n <= 1)
        return px_xdb_overwrite(path, out, err);
    return pxw::guard(err, path, [&] {
        px_xdb *h = new px_xdb{nullptr, nullptr};
        try {
            pxw::create_set(path, n, h);
        } catch (...) {
            pxw::discard(h);
            throw;
        }
        *out = h;
    });
}

unsigned px_xdb_nparts(const px_xdb *db)
{
    return db->parts ? db->nshards + 1 : 1;
}

unsigned px_xdb_nshards(const px_xdb *db)
{
    return db->is_part ? 1 : db->nshards;
}

px_xdb *px_xdb_shard(px_xdb *db, unsigned k)
{
    return db->parts && k <= db->nshards ? db->parts[k] : db;
}

int px_xdb_remote(const px_xdb *db)
{
    return db->remote;
}

unsigned px_xdb_size(const px_xdb *db)
{
    return db->parts ? db->nshards : static_cast<unsigned>(db->db->size());
}
