#ifndef CMALLOC_SHIM_H
#define CMALLOC_SHIM_H
#include <malloc.h>   /* glibc's malloc_trim; only GongkaiShell/Session/Session+Load.swift imports it */
#endif
