#ifndef FEEDD_CURLINIT_H
#define FEEDD_CURLINIT_H

/* curl_global_init() for an HTTP-only program; 0, or -1 on failure. */
int	 curlinit(void);

#endif
