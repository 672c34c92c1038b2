-- The order in which the organizer listed the people of a draw.
alter table public.draw_participants add column position smallint not null default 0;
alter table public.draw_participants add constraint draw_participants_position_range
    check (position between 0 and 31);
