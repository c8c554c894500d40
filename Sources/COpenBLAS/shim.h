// Finds OpenBLAS's CBLAS header wherever the distribution put it. Debian installs it per
// flavour (openblas-pthread, openblas-openmp, ...) and points <cblas.h> at one of them
// through update-alternatives; other systems use <openblas/cblas.h>.
#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

#if __has_include(<openblas/cblas.h>)
#include <openblas/cblas.h>
#elif __has_include(<x86_64-linux-gnu/openblas-pthread/cblas.h>)
#include <x86_64-linux-gnu/openblas-pthread/cblas.h>
#elif __has_include(<aarch64-linux-gnu/openblas-pthread/cblas.h>)
#include <aarch64-linux-gnu/openblas-pthread/cblas.h>
#elif __has_include(<x86_64-linux-gnu/openblas-openmp/cblas.h>)
#include <x86_64-linux-gnu/openblas-openmp/cblas.h>
#elif __has_include(<aarch64-linux-gnu/openblas-openmp/cblas.h>)
#include <aarch64-linux-gnu/openblas-openmp/cblas.h>
#elif __has_include(<cblas.h>)
#include <cblas.h>
#else
#error "cblas.h not found: install OpenBLAS (Debian/Ubuntu: apt-get install libopenblas-dev)"
#endif

// OpenBLAS extensions; declared again so that a plain <cblas.h> fallback still compiles.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);
char *openblas_get_config(void);
char *openblas_get_corename(void);

#endif
