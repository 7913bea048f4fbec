#ifndef CLIBEDIT_SHIM_H
#define CLIBEDIT_SHIM_H
#include <stdio.h>
#include <locale.h>
#include <editline/readline.h>   /* libedit's readline layer, never GNU <readline/readline.h> */
#endif
