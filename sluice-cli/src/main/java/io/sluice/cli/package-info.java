/**
 * The {@code sluice} command line: file tools ({@code gzip}, {@code gunzip}, {@code brotli},
 * {@code unbrotli}, {@code cp}, {@code cat}, {@code hash}) where every command is a pipeline of
 * Sluice streams ({@link io.sluice.stream.Pipelines#pipeline}) run on an
 * {@link io.sluice.loop.EventLoop}. Entry point: {@link io.sluice.cli.SluiceCommand#main}.
 */
package io.sluice.cli;
