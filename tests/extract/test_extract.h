/*
** test_extract.h — the small check macros the extract unit tests share.
*/
#ifndef PXE_TEST_EXTRACT_H
#define PXE_TEST_EXTRACT_H

extern int pxe_t_failures;
void pxe_t_check(int ok, const char *what, const char *file, int line);
void pxe_t_streq(const char *want, const char *got, const char *file,
                 int line);

#define T(cond) pxe_t_check((cond) != 0, #cond, __FILE__, __LINE__)
#define EQ(want, got) pxe_t_streq((want), (got), __FILE__, __LINE__)

/* test_extract_warc.c */
void pxe_t_warc(void);
/* test_extract_readers.c */
void pxe_t_readers(void);

#endif /* PXE_TEST_EXTRACT_H */
