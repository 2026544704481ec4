/* The three standard descriptors, open before anything else is. */
#ifndef FEEDD_STDFDS_H
#define FEEDD_STDFDS_H

/* Opens /dev/null, read only, on whichever of 0, 1 and 2 is closed (writes
 * to it fail as they did), so that no socket
 * or file opened later takes its number: feedctl started with stdout
 * closed would print its output into its socket, as requests, and feedd
 * would log into its database.  Returns -1 when it cannot (errno). */
int	 stdfds_open(void);

#endif
